// `pricing.fallback_rate` belongs to `unpriced_under_block_budget: reserve`: one without the other
// is a pack that says two different things about unpriced traffic.
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
