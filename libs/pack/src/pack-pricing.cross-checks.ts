// `pricing.fallback_rate` belongs to `unpriced_under_block_budget: reserve`: one without the other
// is a pack that says two different things about unpriced traffic. A rate of 0 in and 0 out would
// reserve and book nothing, so a block budget could never stop that traffic: refused too.
import { isPlainObject } from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';

export function checkPackPricing(document: unknown): PackIssue[] {
  if (!isPlainObject(document) || !isPlainObject(document['pricing'])) return [];
  const pricing = document['pricing'];
  const policy = pricing['unpriced_under_block_budget'] ?? 'refuse';
  const hasRate = pricing['fallback_rate'] !== undefined;
  if (policy === 'reserve' && !hasRate) {
    return [
      {
        path: 'pricing.fallback_rate',
        message:
          'required with unpriced_under_block_budget: reserve (the rate unpriced targets are reserved and booked at)',
      },
    ];
  }
  if (policy === 'reserve' && isZeroRate(pricing['fallback_rate'])) {
    return [
      {
        path: 'pricing.fallback_rate',
        message:
          'input_per_million and output_per_million are both 0: unpriced traffic would reserve nothing and no block budget could stop it; state a rate above 0, or use refuse',
      },
    ];
  }
  if (policy === 'refuse' && hasRate) {
    return [
      {
        path: 'pricing.fallback_rate',
        message:
          'only used with unpriced_under_block_budget: reserve; set that, or remove fallback_rate (refuse is the default)',
      },
    ];
  }
  return [];
}

function isZeroRate(rate: unknown): boolean {
  return isPlainObject(rate) && rate['input_per_million'] === 0 && rate['output_per_million'] === 0;
}
