import type { BenchRun, RunMeasurement, TargetName } from './bench.model.js';

/** A measurement for specs: latency percentiles given, everything else clean and plausible. */
export function measurement(
  target: TargetName,
  phase: string,
  latency: { readonly p50: number; readonly p99: number; readonly max: number } | null,
  overrides: Partial<RunMeasurement> = {},
): RunMeasurement {
  const requestedRate = phase.startsWith('rate-') ? Number(phase.slice(5)) : null;
  return {
    target,
    phase,
    requestedRate,
    seconds: 15,
    connections: 32,
    completed: 15_000,
    ok: 15_000,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    rps: requestedRate ?? 5_000,
    latency: latency && { count: 15_000, mean: latency.p50, p90: latency.p99, ...latency },
    statusCodes: { '200': 15_000 },
    cpu: { target: 0.5, simulator: 0.1, kafka: 0.1, loadGenerator: 0.2, machine: 1 },
    loadAverage: 0.5,
    ...overrides,
  };
}

export function benchRun(runs: readonly RunMeasurement[], overrides: Partial<BenchRun> = {}): BenchRun {
  return {
    startedAt: '2026-11-24T07:00:00.000Z',
    finishedAt: '2026-11-24T07:05:00.000Z',
    command: 'npm run bench:gateway',
    revision: '4ca9eee-dirty',
    machine: { cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 23.5, node: 'v20.20.2', os: 'Linux 6.1' },
    settings: {
      quick: false,
      connections: 32,
      rates: [500, 1000, 2000],
      runSeconds: 15,
      warmupSeconds: 5,
      portkeyVersion: '1.15.2',
      autocannonVersion: '9.0.0',
    },
    availability: [
      { target: 'direct', available: true },
      { target: 'portkey', available: true },
      { target: 'kt', available: true },
    ],
    runs,
    ...overrides,
  };
}
