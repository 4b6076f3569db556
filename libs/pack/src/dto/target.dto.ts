import { ValidateBy } from 'class-validator';
import {
  EnvName,
  Flag,
  HttpUrl,
  IntAtLeast,
  Nested,
  NestedList,
  NumberAtLeast,
  Optional,
  ProviderString,
  Required,
  Text,
  UsdAmount,
} from '../pack.decorators.js';
import { HealthCheckDto } from './health-check.dto.js';

export class SecretRefDto {
  @Required() @EnvName() env!: string;
}

/**
 * Every rate the price catalog knows, in USD as vendors publish them. Absent rates bill their
 * tokens at the broader kind's rate: cache reads and writes as input, 1-hour cache writes as
 * cache writes, reasoning as output; no per-request fee.
 */
export class PricingDto {
  @Required() @UsdAmount() input_per_million!: number;
  @Required() @UsdAmount() output_per_million!: number;
  @Optional() @UsdAmount() cache_read_per_million?: number;
  @Optional() @UsdAmount() cache_write_per_million?: number;
  @Optional() @UsdAmount() cache_write_1h_per_million?: number;
  @Optional() @UsdAmount() reasoning_per_million?: number;
  @Optional() @UsdAmount() per_thousand_requests?: number;
  @Optional()
  @NestedList(() => PricingTierDto, 'pricing tiers', 1)
  @ValidateBy(
    { name: 'ascendingTiers', validator: { validate: ascendingTiers } },
    { message: 'expected tiers in ascending above_input_tokens order, each threshold once' },
  )
  tiers?: PricingTierDto[];
}

/** Rates that replace the base rates for the whole request once its input exceeds the threshold. */
export class PricingTierDto {
  @Required() @IntAtLeast(0) above_input_tokens!: number;
  @Optional() @UsdAmount() input_per_million?: number;
  @Optional() @UsdAmount() output_per_million?: number;
  @Optional() @UsdAmount() cache_read_per_million?: number;
  @Optional() @UsdAmount() cache_write_per_million?: number;
  @Optional() @UsdAmount() cache_write_1h_per_million?: number;
  @Optional() @UsdAmount() reasoning_per_million?: number;
  @Optional() @UsdAmount() per_thousand_requests?: number;
}

function ascendingTiers(value: unknown): boolean {
  if (!Array.isArray(value)) return true; // NestedList reports the shape.
  let previous = -1;
  for (const tier of value as { above_input_tokens?: unknown }[]) {
    const at = tier?.above_input_tokens;
    if (typeof at !== 'number') return true; // reported on the tier's own field
    if (at <= previous) return false;
    previous = at;
  }
  return true;
}

export class TargetDataPolicyDto {
  @Optional() @Flag() zero_data_retention?: boolean;
  @Optional() @Flag() training_opt_out?: boolean;
  @Optional() @IntAtLeast(0) retention_days?: number;
}

export class TargetDto {
  @Required() @Text() id!: string;
  @Required() @ProviderString() provider!: string;
  @Optional() @NumberAtLeast(0) weight?: number;
  @Optional() @Nested(() => SecretRefDto) secret_key_ref?: SecretRefDto;
  @Optional() @HttpUrl() base_url?: string;
  @Optional() @Text() api_version?: string;
  @Optional() @Text() base_model?: string;
  @Optional() @Nested(() => PricingDto) pricing?: PricingDto;
  @Optional() @IntAtLeast(1) timeout_ms?: number;
  @Optional() @Nested(() => HealthCheckDto) health_check?: HealthCheckDto;
  @Optional() @Nested(() => TargetDataPolicyDto) data_policy?: TargetDataPolicyDto;
}
