import {
  EnvName,
  Flag,
  HttpUrl,
  IntAtLeast,
  Nested,
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

export class PricingDto {
  @Required() @UsdAmount() input_per_million!: number;
  @Required() @UsdAmount() output_per_million!: number;
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
