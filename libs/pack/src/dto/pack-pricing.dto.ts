import { Nested, OneOf, Optional, Required, UsdAmount } from '../pack.decorators.js';
import { UNPRICED_POLICIES, type UnpricedPolicy } from '../pack.vocabulary.js';

/** A rate per million tokens, in USD, that the pack states for traffic nothing else prices. */
export class FallbackRateDto {
  @Required() @UsdAmount() input_per_million!: number;
  @Required() @UsdAmount() output_per_million!: number;
}

/**
 * The pack-wide `pricing:` section: what the gateway does with a target that has no price (no
 * `pricing`, no catalog entry for its `base_model`/model) while a block budget covers the request.
 * That `fallback_rate` goes with `reserve` (and only with it) is a cross-check.
 */
export class PackPricingDto {
  @Optional() @OneOf(UNPRICED_POLICIES) unpriced_under_block_budget?: UnpricedPolicy;
  @Optional() @Nested(() => FallbackRateDto) fallback_rate?: FallbackRateDto;
}
