import { describe, expect, it } from 'vitest';
import { LeastBusyStrategy } from './least-busy.strategy.js';
import { context, ids, target } from './strategy.fixture.js';

const candidates = [target('a'), target('b'), target('c')];

describe('least_busy', () => {
  it.each([
    ['fewest in flight first', { a: 5, b: 1, c: 3 }, ['b', 'c', 'a']],
    ['ties keep pack order', { a: 2, b: 2, c: 2 }, ['a', 'b', 'c']],
    ['an idle target wins over busy ones', { a: 1, b: 1, c: 0 }, ['c', 'a', 'b']],
  ])('%s', (_name, inFlight: Record<string, number>, expected) => {
    const ctx = context({ inFlight: (id) => inFlight[id] ?? 0 });
    expect(ids(new LeastBusyStrategy().order(candidates, ctx))).toEqual(expected);
  });

  it('keeps pack order without an in-flight signal', () => {
    expect(ids(new LeastBusyStrategy().order(candidates, context()))).toEqual(['a', 'b', 'c']);
  });
});
