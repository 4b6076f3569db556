import { describe, expect, it } from 'vitest';
import { benchRun, measurement } from './measurement.fixture.js';
import { addedLatency, checkTargets, cleanRun, comparePhases, ratio, reachedRate } from './run.comparison.js';

const at1000 = [
  measurement('direct', 'rate-1000', { p50: 0.05, p99: 0.8, max: 5 }),
  measurement('kt', 'rate-1000', { p50: 0.45, p99: 3.8, max: 20 }),
  measurement('portkey', 'rate-1000', { p50: 0.85, p99: 6.8, max: 30 }),
];
const atMax = [
  measurement('direct', 'max', { p50: 1, p99: 3, max: 10 }, { rps: 30_000 }),
  measurement('kt', 'max', { p50: 4, p99: 12, max: 25 }, { rps: 6_000 }),
  measurement('portkey', 'max', { p50: 20, p99: 50, max: 120 }, { rps: 1_500 }),
];

describe('comparePhases', () => {
  it('leaves out the warm-up and keeps the plan order', () => {
    const phases = comparePhases([
      measurement('direct', 'warmup', { p50: 1, p99: 9, max: 90 }),
      ...at1000,
      ...atMax,
    ]);
    expect(phases.map((p) => [p.phase, p.requestedRate])).toEqual([
      ['rate-1000', 1000],
      ['max', null],
    ]);
  });

  it('subtracts direct from each gateway percentile by percentile', () => {
    const [phase] = comparePhases(at1000);
    expect(phase!.added.kt!.p50).toBeCloseTo(0.4);
    expect(phase!.added.kt!.p99).toBeCloseTo(3);
    expect(phase!.added.kt!.max).toBeCloseTo(15);
    expect(phase!.added.portkey!.p50).toBeCloseTo(0.8);
  });

  it('gives kt / Portkey ratios for throughput, latency and added latency', () => {
    const phases = comparePhases([...at1000, ...atMax]);
    expect(phases[1]!.ratio.rps).toBeCloseTo(4);
    expect(phases[0]!.ratio.p50).toBeCloseTo(0.45 / 0.85);
    expect(phases[0]!.ratio.addedP50).toBeCloseTo(0.4 / 0.8);
    expect(phases[0]!.ratio.addedP99).toBeCloseTo(3 / 6);
  });

  it('has no kt numbers when kt did not run, and no ratios either', () => {
    const [phase] = comparePhases(at1000.filter((m) => m.target !== 'kt'));
    expect(phase!.added.kt).toBeUndefined();
    expect(phase!.ratio).toEqual({ rps: null, p50: null, p99: null, addedP50: null, addedP99: null });
  });
});

describe('addedLatency', () => {
  it('is undefined when either side has no successful responses', () => {
    expect(addedLatency(at1000[0], measurement('kt', 'rate-1000', null))).toBeUndefined();
    expect(addedLatency(undefined, at1000[1])).toBeUndefined();
  });
});

describe('ratio', () => {
  it.each([
    [2, 4, 0.5],
    [3, 0, null],
    [3, -1, null],
    [undefined, 4, null],
    [4, undefined, null],
  ])('%s / %s is %s', (a, b, expected) => {
    expect(ratio(a, b)).toBe(expected);
  });
});

describe('checkTargets', () => {
  it('meets all three goals with small overhead and enough clean throughput', () => {
    const run = benchRun([...at1000, ...atMax]);
    expect(checkTargets(run, comparePhases(run.runs))).toEqual([
      { goal: 'added latency p50 ≤ 1 ms at 1000 RPS', measured: '0.40 ms', met: true },
      { goal: 'added latency p99 ≤ 5 ms at 1000 RPS', measured: '3.00 ms', met: true },
      {
        goal: 'max sustained throughput ≥ 3000 RPS with 0 errors',
        measured: '6000 RPS, 0 errors',
        met: true,
      },
    ]);
  });

  it('fails the throughput goal on errors even when the rate is high', () => {
    const runs = [...at1000, ...atMax.slice(0, 2).map((m) => ({ ...m })), atMax[2]!];
    runs[4] = measurement('kt', 'max', { p50: 4, p99: 12, max: 25 }, { rps: 6_000, non2xx: 3 });
    const run = benchRun(runs);
    expect(checkTargets(run, comparePhases(run.runs))[2]).toEqual({
      goal: 'max sustained throughput ≥ 3000 RPS with 0 errors',
      measured: '6000 RPS, 3 errors',
      met: false,
    });
  });

  it('fails the latency goals when kt adds too much', () => {
    const slow = measurement('kt', 'rate-1000', { p50: 2.05, p99: 9, max: 40 });
    const run = benchRun([at1000[0]!, slow, ...atMax]);
    expect(checkTargets(run, comparePhases(run.runs)).map((c) => c.met)).toEqual([false, false, true]);
  });

  it('says kt was not available instead of judging it', () => {
    const runs = [...at1000, ...atMax].filter((m) => m.target !== 'kt');
    const run = benchRun(runs, {
      availability: [{ target: 'kt', available: false, reason: 'trial request answered 404' }],
    });
    expect(checkTargets(run, comparePhases(run.runs))).toEqual([
      expect.objectContaining({ measured: 'kt not available', met: null }),
      expect.objectContaining({ measured: 'kt not available', met: null }),
      expect.objectContaining({ measured: 'kt not available', met: null }),
    ]);
  });
});

describe('cleanRun and reachedRate', () => {
  it.each([
    [{}, true],
    [{ errors: 1 }, false],
    [{ timeouts: 1 }, false],
    [{ non2xx: 1 }, false],
  ])('a run with %j is clean: %s', (overrides, expected) => {
    expect(cleanRun(measurement('kt', 'max', { p50: 1, p99: 2, max: 3 }, overrides))).toBe(expected);
  });

  it.each([
    [1000, 960, true],
    [1000, 940, false],
    [null, 10, true],
  ])('asked %s RPS, got %s: reached is %s', (requestedRate, rps, expected) => {
    expect(reachedRate(measurement('kt', 'max', null, { requestedRate, rps }))).toBe(expected);
  });
});
