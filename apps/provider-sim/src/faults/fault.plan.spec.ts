import { describe, expect, it } from 'vitest';
import { NO_FAULTS, type FaultSpec } from './fault.model.js';
import { planFaults, sampleLatency } from './fault.plan.js';

const constant = (value: number) => () => value;
const spec = (overrides: Partial<FaultSpec>): FaultSpec => ({ ...NO_FAULTS, ...overrides });

describe('planFaults', () => {
  it.each([
    {
      name: 'replies at once without faults',
      faults: {},
      random: 0.5,
      expected: { delayMs: 0, outcome: 'reply' },
    },
    {
      name: 'fails when the draw is below the error rate',
      faults: { errorRate: 0.3 },
      random: 0.29,
      expected: { delayMs: 0, outcome: 'error' },
    },
    {
      name: 'replies when the draw reaches the error rate',
      faults: { errorRate: 0.3 },
      random: 0.3,
      expected: { delayMs: 0, outcome: 'reply' },
    },
    {
      name: 'always fails at rate 1',
      faults: { errorRate: 1 },
      random: 0.999,
      expected: { delayMs: 0, outcome: 'error' },
    },
    {
      name: 'hangs before anything else',
      faults: { hang: true, errorRate: 1, malformed: true },
      random: 0,
      expected: { delayMs: 0, outcome: 'hang' },
    },
    {
      name: 'prefers an injected error to garbage',
      faults: { errorRate: 1, malformed: true },
      random: 0,
      expected: { delayMs: 0, outcome: 'error' },
    },
    {
      name: 'sends garbage when asked',
      faults: { malformed: true },
      random: 0,
      expected: { delayMs: 0, outcome: 'malformed' },
    },
    {
      name: 'waits the fixed latency',
      faults: { latency: { kind: 'fixed', ms: 40 } },
      random: 0,
      expected: { delayMs: 40, outcome: 'reply' },
    },
  ] as const)('$name', ({ faults, random, expected }) => {
    expect(planFaults(spec(faults), constant(random))).toEqual(expected);
  });
});

describe('sampleLatency', () => {
  it.each([
    { latency: { kind: 'fixed', ms: 12.4 }, random: 0.7, expected: 12 },
    { latency: { kind: 'uniform', min: 10, max: 50 }, random: 0, expected: 10 },
    { latency: { kind: 'uniform', min: 10, max: 50 }, random: 0.5, expected: 30 },
    { latency: { kind: 'normal', mean: 100, stddev: 0 }, random: 0.3, expected: 100 },
    // random() = 0.5 twice: z = sqrt(-2 ln 0.5) * cos(pi) = -1.1774
    { latency: { kind: 'normal', mean: 100, stddev: 10 }, random: 0.5, expected: 88 },
    { latency: { kind: 'normal', mean: 5, stddev: 100 }, random: 0.5, expected: 0 },
  ] as const)(
    'samples $expected ms from $latency.kind with draws of $random',
    ({ latency, random, expected }) => {
      expect(sampleLatency(latency, constant(random))).toBe(expected);
    },
  );

  it('stays inside a uniform range over many draws', () => {
    const samples = Array.from({ length: 200 }, () =>
      sampleLatency({ kind: 'uniform', min: 5, max: 9 }, Math.random),
    );
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...samples)).toBeLessThanOrEqual(9);
  });
});
