import { describe, expect, it } from 'vitest';
import { RouteRecord } from './route.record.js';
import type { Target } from '@kt/pack';

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

describe('RouteRecord.planned', () => {
  it('stamps the circuit-open skips with when the plan was made, not when they are recorded', () => {
    const record = new RouteRecord('r1', 'chat.completions', false, 'm');
    const target = { id: 'a', vendor: 'openai', model: 'gpt' } as Target;
    record.planned('chat', 'ordered', [target], 1_234);
    expect(record).toMatchObject({ group: 'chat', strategy: 'ordered' });
    expect(record.attempts).toMatchObject([{ target, startedAtMs: 1_234, errorKind: 'circuit_open' }]);
  });
});
