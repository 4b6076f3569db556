import { describe, expect, it } from 'vitest';
import { LatencyWindow } from '../stats/latency.window.js';
import { LowestLatencyStrategy } from './lowest-latency.strategy.js';
import { context, ids, picks, target } from './strategy.fixture.js';

const candidates = [target('slow'), target('fast'), target('medium')];
const NOW = 1_000_000;

function window(samples: Record<string, readonly number[]>, atMs = NOW - 1_000): LatencyWindow {
  const latency = new LatencyWindow();
  for (const [id, values] of Object.entries(samples))
    for (const value of values) latency.add(id, value, atMs);
  return latency;
}

describe('lowest_latency', () => {
  it('ranks by mean latency once every candidate has min_sample_count samples', () => {
    const latency = window({ slow: [900, 1100], fast: [100, 140], medium: [400, 420] });
    const strategy = new LowestLatencyStrategy({ minSampleCount: 2, windowSeconds: 60 });
    expect(ids(strategy.order(candidates, context({ nowMs: NOW, latency })))).toEqual([
      'fast',
      'medium',
      'slow',
    ]);
  });

  it('rotates like round_robin while any candidate lacks samples', () => {
    const latency = window({ slow: [900, 1100], fast: [100, 140], medium: [400] });
    const strategy = new LowestLatencyStrategy({ minSampleCount: 2, windowSeconds: 60 });
    expect(picks(strategy, candidates, 4, context({ nowMs: NOW, latency }))).toEqual([
      'slow',
      'fast',
      'medium',
      'slow',
    ]);
  });

  it('counts only samples inside the window', () => {
    const latency = window({ slow: [900, 900], medium: [400, 400] });
    latency.add('fast', 100, NOW - 61_000);
    latency.add('fast', 100, NOW - 59_000);
    const strategy = new LowestLatencyStrategy({ minSampleCount: 2, windowSeconds: 60 });
    expect(strategy.order(candidates, context({ nowMs: NOW, latency }))[0]!.id).toBe('slow');
    latency.add('fast', 100, NOW - 10);
    expect(strategy.order(candidates, context({ nowMs: NOW, latency }))[0]!.id).toBe('fast');
  });

  it('can rank by the median so one outlier does not demote a fast target', () => {
    const latency = window({ slow: [500, 500, 500], fast: [100, 100, 5_000], medium: [300, 300, 300] });
    const byMean = new LowestLatencyStrategy({ minSampleCount: 3 });
    const byMedian = new LowestLatencyStrategy({ minSampleCount: 3, latencyMetric: 'p50' });
    expect(ids(byMean.order(candidates, context({ nowMs: NOW, latency })))).toEqual([
      'medium',
      'slow',
      'fast',
    ]);
    expect(ids(byMedian.order(candidates, context({ nowMs: NOW, latency })))).toEqual([
      'fast',
      'medium',
      'slow',
    ]);
  });

  it('rotates when no latency stats are given at all', () => {
    expect(picks(new LowestLatencyStrategy(), candidates, 3)).toEqual(['slow', 'fast', 'medium']);
  });
});
