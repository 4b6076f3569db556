import type { BenchRun, CpuUse, GatewayName, RunMeasurement, TargetName } from './bench.model.js';
import {
  checkTargets,
  comparePhases,
  type AddedLatency,
  type GatewayRatio,
  type KtToPortkey,
} from './run.comparison.js';

interface CompactRun {
  readonly rps: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly cpu: CpuUse;
}

export interface PhaseSummary {
  readonly phase: string;
  readonly requestedRate: number | null;
  readonly targets: Readonly<Partial<Record<TargetName, CompactRun>>>;
  readonly added: Readonly<Partial<Record<GatewayName, AddedLatency>>>;
  readonly ktToPortkey: KtToPortkey;
  /** Present when kt of an earlier checkout ran in the same run. */
  readonly ktToBefore?: GatewayRatio;
}

/** `gateway-latest.json`: what the doc tables show, small enough to keep in the repository. */
export function summarize(run: BenchRun): Readonly<Record<string, unknown>> {
  const comparisons = comparePhases(run.runs);
  const phases: readonly PhaseSummary[] = comparisons.map((c) => ({
    phase: c.phase,
    requestedRate: c.requestedRate,
    targets: Object.fromEntries(Object.entries(c.runs).map(([target, m]) => [target, compact(m)])) as Partial<
      Record<TargetName, CompactRun>
    >,
    added: mapValues(c.added, roundAdded),
    ktToPortkey: roundRatio(c.ratio),
    ...(c.runs['kt-before'] && { ktToBefore: roundRatio(c.ratioToBefore) }),
  }));
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    command: run.command,
    revision: run.revision,
    machine: run.machine,
    settings: run.settings,
    availability: run.availability,
    routeEvents: run.routeEvents ?? null,
    targets: checkTargets(run, comparisons),
    phases,
  };
}

function roundRatio(r: GatewayRatio): GatewayRatio {
  return mapValues(r, (v) => (v === null ? null : round(v, 3))) as GatewayRatio;
}

function compact(m: RunMeasurement): CompactRun {
  return {
    rps: round(m.rps, 1),
    p50: m.latency ? round(m.latency.p50, 3) : null,
    p99: m.latency ? round(m.latency.p99, 3) : null,
    max: m.latency ? round(m.latency.max, 3) : null,
    non2xx: m.non2xx,
    errors: m.errors,
    timeouts: m.timeouts,
    cpu: mapValues(m.cpu, (v) => (v === null ? null : round(v, 2))) as CpuUse,
  };
}

function roundAdded(a: AddedLatency): AddedLatency {
  return { p50: round(a.p50, 3), p99: round(a.p99, 3), max: round(a.max, 3) };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function mapValues<K extends string, V, W>(
  record: Readonly<Partial<Record<K, V>>>,
  fn: (value: V) => W,
): Partial<Record<K, W>> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v as V)])) as Partial<Record<K, W>>;
}
