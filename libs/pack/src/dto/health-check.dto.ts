import { IntAtLeast, OneOf, Optional, PositiveNumber } from '../pack.decorators.js';
import { HEALTH_CHECK_KINDS, type HealthCheckKind } from '../pack.vocabulary.js';

export class HealthCheckDto {
  @Optional() @PositiveNumber() interval_seconds?: number;
  @Optional() @IntAtLeast(1) timeout_ms?: number;
  @Optional() @OneOf(HEALTH_CHECK_KINDS) kind?: HealthCheckKind;
}
