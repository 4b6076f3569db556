import { describe, expect, it } from 'vitest';
import { ThroughputWindow } from '../stats/throughput.window.js';
import { HighestThroughputStrategy } from './highest-throughput.strategy.js';
import { context, ids, picks, target } from './strategy.fixture.js';

const candidates = [target('a'), target('b'), target('c')];
const NOW = 5_000_000;

describe('highest_throughput', () => {
  it('ranks by output tokens per second once every candidate has enough samples', () => {
    const throughput = new ThroughputWindow();
    // a: 50 tok/s, b: 200 tok/s, c: 100 tok/s
    for (const [id, tokens] of [
      ['a', 50],
      ['b', 200],
      ['c', 100],
    ] as const) {
      throughput.add(id, tokens, 1_000, NOW - 500);
      throughput.add(id, tokens, 1_000, NOW - 400);
    }
    const strategy = new HighestThroughputStrategy({ minSampleCount: 2, windowSeconds: 30 });
    expect(ids(strategy.order(candidates, context({ nowMs: NOW, throughput })))).toEqual(['b', 'c', 'a']);
  });

  it('rotates like round_robin until every candidate has min_sample_count samples in the window', () => {
    const throughput = new ThroughputWindow();
    throughput.add('a', 10, 1_000, NOW - 100);
    throughput.add('b', 900, 1_000, NOW - 100);
    throughput.add('c', 500, 1_000, NOW - 31_000);
    const strategy = new HighestThroughputStrategy({ minSampleCount: 1, windowSeconds: 30 });
    expect(picks(strategy, candidates, 3, context({ nowMs: NOW, throughput }))).toEqual(['a', 'b', 'c']);
  });
});
