import { describe, expect, it } from 'vitest';
import { RouteRecord } from './route.record.js';

describe('RouteRecord.overheadMs', () => {
  it('leaves out upstream time and kt’s work after the answer was delivered (counting a cut stream)', () => {
    const record = new RouteRecord('r1', 'chat.completions', true, 'm');
    const elapsed = record.elapsedMs();
    record.upstreamMs = 0;
    record.afterResponseMs = elapsed + 1_000;
    expect(record.overheadMs()).toBe(0);
    record.afterResponseMs = 0;
    expect(record.overheadMs()).toBeGreaterThanOrEqual(elapsed);
  });
});
