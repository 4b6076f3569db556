import { describe, expect, it } from 'vitest';
import { WeightedRoundRobinStrategy } from './weighted-round-robin.strategy.js';
import { ids, picks, tally, target } from './strategy.fixture.js';

const openai = target('openai', 7);
const azure = target('azure', 3);

function windows(sequence: readonly string[], size: number): Record<string, number>[] {
  return Array.from({ length: sequence.length - size + 1 }, (_, start) =>
    tally(sequence.slice(start, start + size)),
  );
}

describe('weighted_round_robin (smooth)', () => {
  it('sends exactly 700 of 1,000 requests to weight 7 and 300 to weight 3', () => {
    expect(tally(picks(new WeightedRoundRobinStrategy(), [openai, azure], 1000))).toEqual({
      openai: 700,
      azure: 300,
    });
  });

  it('gives exactly 7 and 3 in every window of 10 consecutive requests, not 7 then 3', () => {
    const sequence = picks(new WeightedRoundRobinStrategy(), [openai, azure], 1000);
    for (const counts of windows(sequence, 10)) expect(counts).toEqual({ openai: 7, azure: 3 });
    expect(sequence.slice(0, 10).join(' ')).toBe(
      'openai azure openai openai openai azure openai openai azure openai',
    );
  });

  it.each([
    ['5:1:1', [5, 1, 1], { a: 5, b: 1, c: 1 }],
    ['1:1', [1, 1], { a: 1, b: 1 }],
    ['0.7:0.3 (fractional)', [0.7, 0.3], { a: 7, b: 3 }],
    ['2:3:5', [2, 3, 5], { a: 2, b: 3, c: 5 }],
  ])('keeps every window exact for weights %s', (_name, weights, perWindow) => {
    const candidates = weights.map((w, i) => target('abc'[i]!, w));
    const size = Object.values(perWindow).reduce((s, n) => s + n, 0);
    for (const counts of windows(picks(new WeightedRoundRobinStrategy(), candidates, 200), size)) {
      expect(counts).toEqual(perWindow);
    }
  });

  it('never picks a weight-0 target first but keeps it last as standby', () => {
    const strategy = new WeightedRoundRobinStrategy();
    const standby = target('standby', 0);
    const orders = Array.from({ length: 50 }, () => ids(strategy.order([standby, openai, azure])));
    expect(orders.every((order) => order[0] !== 'standby' && order[2] === 'standby')).toBe(true);
    expect(strategy.order([standby])).toEqual([standby]);
  });

  it('orders the in-group fallbacks the way the next picks would go', () => {
    const strategy = new WeightedRoundRobinStrategy();
    expect(ids(strategy.order([openai, azure]))).toEqual(['openai', 'azure']);
    expect(ids(strategy.order([openai, azure]))).toEqual(['azure', 'openai']);
  });

  it('serves the remaining target alone while one is removed, and resumes the exact cycle when it returns', () => {
    const strategy = new WeightedRoundRobinStrategy();
    const before = picks(strategy, [openai, azure], 4);
    const during = picks(strategy, [openai], 5);
    const after = picks(strategy, [openai, azure], 996);
    expect(during).toEqual(['openai', 'openai', 'openai', 'openai', 'openai']);
    const resumed = [...before, ...after];
    for (const counts of windows(resumed, 10)) expect(counts).toEqual({ openai: 7, azure: 3 });
  });

  it('keeps the others exact when one of three targets drops out', () => {
    const strategy = new WeightedRoundRobinStrategy();
    const a = target('a', 1);
    const b = target('b', 1);
    const c = target('c', 2);
    picks(strategy, [a, b, c], 3);
    const withoutC = picks(strategy, [a, b], 100);
    for (const counts of windows(withoutC, 2)) expect(counts).toEqual({ a: 1, b: 1 });
  });

  it('returns nothing for no candidates', () => {
    expect(new WeightedRoundRobinStrategy().order([])).toEqual([]);
  });
});
