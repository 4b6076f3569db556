// The pack-wide `pricing:` section → PackPricing, with its default applied.
import type { PackPricingDto } from './dto/pack-pricing.dto.js';
import type { PackPricing } from './pack.model.js';
import { usdToMicroUsd } from '@kt/contracts';

/** Unpriced traffic under a block budget is refused unless the pack states a rate to reserve it at. */
export function packPricing(dto: PackPricingDto | undefined): PackPricing {
  const rate = dto?.fallback_rate;
  return Object.freeze({
    unpricedUnderBlockBudget: dto?.unpriced_under_block_budget ?? 'refuse',
    ...(rate !== undefined && {
      fallbackRate: Object.freeze({
        inputMicroUsdPerMillion: micro(rate.input_per_million),
        outputMicroUsdPerMillion: micro(rate.output_per_million),
      }),
    }),
  });
}

function micro(usd: number): bigint {
  const amount = usdToMicroUsd(usd);
  if (amount === undefined)
    throw new Error(`price ${usd} passed validation but is not representable in micro-USD`);
  return amount;
}
