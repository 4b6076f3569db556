import { Flag, Nested, NestedList, Optional, Required, Sha256, Text, Version } from '../pack.decorators.js';
import { PackPricingDto } from './pack-pricing.dto.js';
import { ProvidersDto } from './providers.dto.js';

export class PackInfoDto {
  @Required() @Text() name!: string;
  @Required() @Version() version!: string;
  @Required() @Flag() enabled!: boolean;
  @Optional() @Text() id?: string;
  @Optional() @Text() author?: string;
  @Optional() @Text(4000) description?: string;
}

export class GatewayKeyDto {
  @Required() @Text() id!: string;
  @Required() @Sha256() sha256!: string;
  @Required() @Text() team!: string;
}

export class AuthDto {
  @Required() @NestedList(() => GatewayKeyDto, 'gateway keys') keys!: GatewayKeyDto[];
}

/** The pack file as written (snake_case), after top-level aliases are folded into `providers`. */
export class PackDocumentDto {
  @Required() @Nested(() => PackInfoDto) pack!: PackInfoDto;
  @Optional() @Nested(() => AuthDto) auth?: AuthDto;
  @Required() @Nested(() => ProvidersDto) providers!: ProvidersDto;
  @Optional() @Nested(() => PackPricingDto) pricing?: PackPricingDto;
}
