import { Flag, IntAtLeast, Nested, OneOf, Optional, Required, Text, TextList } from '../pack.decorators.js';
import { STRATEGY_NAMES, type StrategyName } from '../pack.vocabulary.js';

export class GroupDataPolicyDto {
  @Optional() @Flag() require_zero_data_retention?: boolean;
  @Optional() @Flag() require_no_training?: boolean;
  @Optional() @IntAtLeast(0) max_retention_days?: number;
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
}
