import {
  GATEWAY_NAMES,
  type BenchRun,
  type GatewayName,
  type RunMeasurement,
  type TargetName,
} from './bench.model.js';

export interface AddedLatency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** One gateway divided by another; below 1 means the first is lower (faster for latency, slower for RPS). */
export interface GatewayRatio {
  readonly rps: number | null;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly addedP50: number | null;
  readonly addedP99: number | null;
}

/** kt divided by Portkey. */
export type KtToPortkey = GatewayRatio;

export interface PhaseComparison {
  readonly phase: string;
  readonly requestedRate: number | null;
  readonly runs: Readonly<Partial<Record<TargetName, RunMeasurement>>>;
  /** Through-gateway minus direct, same phase, percentile by percentile. */
  readonly added: Readonly<Partial<Record<GatewayName, AddedLatency>>>;
  readonly ratio: KtToPortkey;
  /** kt divided by kt of the earlier checkout (`--before`); every field null without one. */
  readonly ratioToBefore: GatewayRatio;
}

export interface TargetCheck {
  readonly goal: string;
  readonly measured: string;
  /** null: not measured in this run (kt not available, or the rate not in the plan). */
  readonly met: boolean | null;
}

export const TARGET_RATE = 1000;
export const GOALS = { addedP50Ms: 1, addedP99Ms: 5, maxRps: 3000 } as const;

/** One comparison per measured phase (warm-ups are not compared), in plan order. */
export function comparePhases(runs: readonly RunMeasurement[]): readonly PhaseComparison[] {
  const phases = [...new Set(runs.filter((r) => r.phase !== 'warmup').map((r) => r.phase))];
  return phases.map((phase) => {
    const inPhase = runs.filter((r) => r.phase === phase);
    const byTarget: Partial<Record<TargetName, RunMeasurement>> = {};
    for (const run of inPhase) byTarget[run.target] = run;
    const added: Partial<Record<GatewayName, AddedLatency>> = {};
    for (const gateway of GATEWAY_NAMES) {
      const delta = addedLatency(byTarget.direct, byTarget[gateway]);
      if (delta) added[gateway] = delta;
    }
    const between = (a: GatewayName, b: GatewayName): GatewayRatio => ({
      rps: ratio(byTarget[a]?.rps, byTarget[b]?.rps),
      p50: ratio(byTarget[a]?.latency?.p50, byTarget[b]?.latency?.p50),
      p99: ratio(byTarget[a]?.latency?.p99, byTarget[b]?.latency?.p99),
      addedP50: ratio(added[a]?.p50, added[b]?.p50),
      addedP99: ratio(added[a]?.p99, added[b]?.p99),
    });
    return {
      phase,
      requestedRate: inPhase[0]?.requestedRate ?? null,
      runs: byTarget,
      added,
      ratio: between('kt', 'portkey'),
      ratioToBefore: between('kt', 'kt-before'),
    };
  });
}

export function addedLatency(
  direct: RunMeasurement | undefined,
  gateway: RunMeasurement | undefined,
): AddedLatency | undefined {
  if (!direct?.latency || !gateway?.latency) return undefined;
  return {
    p50: gateway.latency.p50 - direct.latency.p50,
    p99: gateway.latency.p99 - direct.latency.p99,
    max: gateway.latency.max - direct.latency.max,
  };
}

/** a / b, or null when either is missing or b is not positive (a ratio to ~0 says nothing). */
export function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !(b > 0)) return null;
  return a / b;
}

/** The targets for kt, checked against this run. */
export function checkTargets(run: BenchRun, comparisons: readonly PhaseComparison[]): readonly TargetCheck[] {
  const atRate = comparisons.find((c) => c.requestedRate === TARGET_RATE);
  const added = atRate?.added.kt;
  const max = comparisons.find((c) => c.phase === 'max')?.runs.kt;
  const ktAvailable = run.availability.some((a) => a.target === 'kt' && a.available);
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  return [
    {
      goal: `added latency p50 ≤ ${GOALS.addedP50Ms} ms at ${TARGET_RATE} RPS`,
      measured: added ? ms(added.p50) : notMeasured(ktAvailable),
      met: added ? added.p50 <= GOALS.addedP50Ms && cleanRun(atRate?.runs.kt) : null,
    },
    {
      goal: `added latency p99 ≤ ${GOALS.addedP99Ms} ms at ${TARGET_RATE} RPS`,
      measured: added ? ms(added.p99) : notMeasured(ktAvailable),
      met: added ? added.p99 <= GOALS.addedP99Ms && cleanRun(atRate?.runs.kt) : null,
    },
    {
      goal: `max sustained throughput ≥ ${GOALS.maxRps} RPS with 0 errors`,
      measured: max
        ? `${Math.round(max.rps)} RPS, ${max.errors + max.non2xx} errors`
        : notMeasured(ktAvailable),
      met: max ? max.rps >= GOALS.maxRps && cleanRun(max) : null,
    },
  ];
}

/** No connection errors, timeouts or non-2xx answers. */
export function cleanRun(run: RunMeasurement | undefined): boolean {
  return run !== undefined && run.errors === 0 && run.timeouts === 0 && run.non2xx === 0;
}

/** Whether a fixed-rate run delivered the rate it was asked for (within 5 %). */
export function reachedRate(run: RunMeasurement): boolean {
  return run.requestedRate === null || run.rps >= run.requestedRate * 0.95;
}

function notMeasured(ktAvailable: boolean): string {
  return ktAvailable ? 'not measured' : 'kt not available';
}
