import {
  Flag,
  IntAtLeast,
  ListOf,
  Nested,
  NestedList,
  OneOf,
  Optional,
  PositiveNumber,
  Required,
} from '../pack.decorators.js';
import {
  FALLBACK_TRIGGERS,
  STRATEGY_NAMES,
  type FallbackTrigger,
  type StrategyName,
} from '../pack.vocabulary.js';
import { HealthCheckDto } from './health-check.dto.js';
import { ModelGroupDto } from './model-group.dto.js';
import { TargetDto } from './target.dto.js';

export class RoutingDto {
  @Optional() @OneOf(STRATEGY_NAMES) strategy?: StrategyName;
  @Optional() @IntAtLeast(1) min_sample_count?: number;
  @Optional() @IntAtLeast(1) window_seconds?: number;
}

export class RetryDto {
  @Optional() @IntAtLeast(0) max_retries?: number;
  @Optional() @IntAtLeast(0) base_delay_ms?: number;
  @Optional() @IntAtLeast(0) max_delay_ms?: number;
}

export class FallbackDto {
  @Optional() @Flag() enabled?: boolean;
  @Optional() @ListOf(FALLBACK_TRIGGERS) triggers?: FallbackTrigger[];
  @Optional() @IntAtLeast(0) max_fallback_attempts?: number;
  @Optional() @Nested(() => RetryDto) retry?: RetryDto;
}

export class CircuitBreakerDto {
  @Optional() @Flag() enabled?: boolean;
  @Optional() @IntAtLeast(1) failure_threshold?: number;
  @Optional() @PositiveNumber() cooldown_seconds?: number;
  /** Accepted spelling of `cooldown_seconds` from other packs of the product family. */
  @Optional() @PositiveNumber() recovery_timeout?: number;
  @Optional() @IntAtLeast(1) half_open_max_requests?: number;
}

export class ProvidersDto {
  @Optional() @Nested(() => RoutingDto) routing?: RoutingDto;
  @Optional() @Nested(() => FallbackDto) fallback?: FallbackDto;
  @Optional() @Nested(() => CircuitBreakerDto) circuit_breaker?: CircuitBreakerDto;
  @Optional() @Nested(() => HealthCheckDto) health_check?: HealthCheckDto;
  @Required() @NestedList(() => ModelGroupDto, 'model groups', 1) model_groups!: ModelGroupDto[];
  @Required() @NestedList(() => TargetDto, 'targets', 1) targets!: TargetDto[];
}
