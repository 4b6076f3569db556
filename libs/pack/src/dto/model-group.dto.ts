import {
  Flag,
  IntAtLeast,
  Nested,
  NestedList,
  NumberBetween,
  OneOf,
  Optional,
  Required,
  Text,
  TextList,
} from '../pack.decorators.js';
import { STRATEGY_NAMES, type StrategyName } from '../pack.vocabulary.js';

export class GroupDataPolicyDto {
  @Optional() @Flag() require_zero_data_retention?: boolean;
  @Optional() @Flag() require_no_training?: boolean;
  @Optional() @IntAtLeast(0) max_retention_days?: number;
}

/** One semantic route: example prompts, and the target (of this group) or group they go to. */
export class SemanticRouteDto {
  @Required() @Text() name!: string;
  @Required() @TextList('example prompts', 1) examples!: string[];
  @Optional() @Text() target?: string;
  @Optional() @Text() group?: string;
}

/** How a `semantic` group matches a prompt to its routes. */
export class SemanticDto {
  /** An embeddings target of the pack; without it matching is lexical. */
  @Optional() @Text() embedding_target?: string;
  /** Least cosine similarity of embeddings for a route to match. */
  @Optional() @NumberBetween(0, 1) threshold?: number;
  /** Least lexical similarity (used without embeddings, or when the embedding call fails). */
  @Optional() @NumberBetween(0, 1) lexical_threshold?: number;
  @Optional() @Text() default_route?: string;
  /** Budget of the prompt's embedding call before falling back to lexical matching. */
  @Optional() @IntAtLeast(1) timeout_ms?: number;
}

export class ModelGroupDto {
  @Required() @Text() name!: string;
  @Optional() @TextList('model names') aliases?: string[];
  @Optional() @Text() fallback_group?: string;
  @Required() @TextList('target ids', 1) targets!: string[];
  @Optional() @OneOf(STRATEGY_NAMES) strategy?: StrategyName;
  @Optional() @IntAtLeast(1) min_sample_count?: number;
  @Optional() @IntAtLeast(1) window_seconds?: number;
  @Optional() @Nested(() => GroupDataPolicyDto) data_policy?: GroupDataPolicyDto;
  @Optional() @NestedList(() => SemanticRouteDto, 'routes', 1) routes?: SemanticRouteDto[];
  @Optional() @Nested(() => SemanticDto) semantic?: SemanticDto;
}
