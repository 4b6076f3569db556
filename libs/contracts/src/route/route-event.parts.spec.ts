import { describe, expect, it } from 'vitest';
import { attemptUsage, routeCost, routeUsage } from './route-event.parts.js';

describe('route event parts', () => {
  it('writes an attempt usage in the event words, or null when none was reported', () => {
    expect(attemptUsage({ inputTokens: 812, outputTokens: 164 })).toEqual({
      input_tokens: 812,
      output_tokens: 164,
    });
    expect(attemptUsage(null)).toBeNull();
  });

  it('totals the usage of a request', () => {
    expect(routeUsage(812, 164)).toEqual({ input_tokens: 812, output_tokens: 164, total_tokens: 976 });
  });

  it('writes the cost in USD micro-units, naming the catalog only when one priced it', () => {
    expect(routeCost(4896n, 'pack')).toEqual({ micro_usd: '4896', currency: 'USD', priced_by: 'pack' });
    const catalog = { name: '@pydantic/genai-prices', version: '0.1.8', extra: 'not copied' };
    expect(routeCost(7n, 'catalog', catalog)).toEqual({
      micro_usd: '7',
      currency: 'USD',
      priced_by: 'catalog',
      catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
    });
  });

  it('refuses a cost outside the ledger column', () => {
    expect(() => routeCost(2n ** 63n, 'pack')).toThrow(RangeError);
  });
});
