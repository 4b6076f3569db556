import { describe, expect, it } from 'vitest';
import { summarize } from './bench.summary.js';
import { benchRun, measurement } from './measurement.fixture.js';

describe('summarize', () => {
  const run = benchRun(
    [
      measurement('direct', 'warmup', { p50: 9, p99: 9, max: 9 }),
      measurement('direct', 'rate-1000', { p50: 0.04567, p99: 0.81234, max: 5 }),
      measurement('kt', 'rate-1000', { p50: 0.45678, p99: 3.81234, max: 20 }, { rps: 998.7654 }),
    ],
    { routeEvents: { answered: 15_001, inKafka: 15_003 } },
  );
  const summary = summarize(run);

  it('keeps the measured phases only, rounded for a small file', () => {
    expect(summary['phases']).toEqual([
      {
        phase: 'rate-1000',
        requestedRate: 1000,
        targets: {
          direct: expect.objectContaining({ rps: 1000, p50: 0.046, p99: 0.812, max: 5 }),
          kt: expect.objectContaining({
            rps: 998.8,
            p50: 0.457,
            p99: 3.812,
            cpu: { target: 0.5, simulator: 0.1, kafka: 0.1, loadGenerator: 0.2, machine: 1 },
          }),
        },
        added: { kt: { p50: 0.411, p99: 3, max: 15 } },
        ktToPortkey: { rps: null, p50: null, p99: null, addedP50: null, addedP99: null },
      },
    ]);
  });

  it('carries the command, the machine, the goals and the event tally', () => {
    expect(summary).toMatchObject({
      command: 'npm run bench:gateway',
      machine: { cores: 2, node: 'v20.20.2' },
      routeEvents: { answered: 15_001, inKafka: 15_003 },
    });
    expect(summary['targets']).toHaveLength(3);
  });
});
