import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ALL_TARGETS, TARGET_NAMES, type Phase, type TargetName } from './bench.model.js';

export interface BenchOptions {
  readonly quick: boolean;
  readonly connections: number;
  readonly rates: readonly number[];
  readonly runSeconds: number;
  readonly warmupSeconds: number;
  readonly targets: readonly TargetName[];
  /** Update `gateway-latest.json` and docs/benchmarks.md (full runs do by default, quick ones do not). */
  readonly writeDocs: boolean;
  /** A checkout of an earlier revision (its own node_modules) whose kt runs beside this one. */
  readonly before?: string;
}

interface RawValues {
  readonly quick?: boolean;
  readonly connections: number;
  readonly rates: readonly number[];
  readonly seconds?: number;
  readonly warmup?: number;
  readonly targets: readonly TargetName[];
  readonly docs?: boolean;
  readonly before?: string;
}

const FULL = { runSeconds: 15, warmupSeconds: 5 } as const;
const QUICK = { runSeconds: 3, warmupSeconds: 1 } as const;

export function benchCommand(): Command {
  return new Command('gateway.bench')
    .description('direct to the simulator vs. the kt gateway vs. the Portkey gateway, same run, same box')
    .option('--quick', 'short runs for a smoke test (3 s each, no doc update)')
    .option('--connections <n>', 'keep-alive connections per run', positiveInt, 32)
    .option('--rates <list>', 'fixed request rates, comma-separated', rateList, [500, 1000, 2000])
    .option('--seconds <n>', 'length of each measured run', positiveInt)
    .option('--warmup <n>', 'length of the warm-up run per target', positiveInt)
    .option('--targets <list>', `targets to include (${TARGET_NAMES.join(',')})`, targetList, TARGET_NAMES)
    .option('--docs', 'update gateway-latest.json and docs/benchmarks.md even on a quick run')
    .option('--no-docs', 'leave gateway-latest.json and docs/benchmarks.md alone')
    .option(
      '--before <checkout>',
      'also run kt from this checkout of an earlier revision (with node_modules), same simulator and Kafka, interleaved: before/after in one run',
    )
    .exitOverride();
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const values = benchCommand()
    .parse([...argv], { from: 'user' })
    .opts<RawValues>();
  const quick = values.quick === true;
  const lengths = quick ? QUICK : FULL;
  const before = values.before === undefined ? undefined : resolve(values.before);
  if (before !== undefined && !values.targets.includes('kt'))
    throw new InvalidArgumentError('--before compares kt with an earlier kt: keep kt in --targets');
  const targets = before === undefined ? values.targets : withBefore(values.targets);
  return {
    quick,
    connections: values.connections,
    rates: values.rates,
    runSeconds: values.seconds ?? lengths.runSeconds,
    warmupSeconds: values.warmup ?? lengths.warmupSeconds,
    targets,
    writeDocs: values.docs ?? !quick,
    ...(before !== undefined && { before }),
  };
}

/** Warm-up, every fixed rate in ascending order, then the max-throughput run. */
export function benchPhases(options: BenchOptions): readonly Phase[] {
  return [
    { kind: 'warmup', seconds: options.warmupSeconds },
    ...[...options.rates]
      .sort((a, b) => a - b)
      .map((rate): Phase => ({ kind: 'rate', rate, seconds: options.runSeconds })),
    { kind: 'max', seconds: options.runSeconds },
  ];
}

export function phaseLabel(phase: Phase): string {
  return phase.kind === 'rate' ? `rate-${phase.rate}` : phase.kind;
}

/**
 * The targets of phase `index`, rotated by one each phase: no target always runs first (on a cold
 * box) or last (after the others heated it up).
 */
export function interleavedOrder(targets: readonly TargetName[], index: number): readonly TargetName[] {
  if (targets.length === 0) return [];
  const shift = index % targets.length;
  return [...targets.slice(shift), ...targets.slice(0, shift)];
}

/** kt before runs right after kt in each phase's rotation, like any other target. */
function withBefore(targets: readonly TargetName[]): readonly TargetName[] {
  return ALL_TARGETS.filter((name) => name === 'kt-before' || targets.includes(name));
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function rateList(value: string): readonly number[] {
  const rates = value.split(',').map((part) => Number(part.trim()));
  if (rates.length === 0 || rates.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError('expected positive integers separated by commas, e.g. 500,1000,2000');
  return [...new Set(rates)];
}

function targetList(value: string): readonly TargetName[] {
  const names = value.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !(TARGET_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new InvalidArgumentError(`expected some of ${TARGET_NAMES.join(', ')}, got ${unknown.join(', ')}`);
  // Canonical order, so "portkey,direct" and "direct,portkey" run the same plan.
  return TARGET_NAMES.filter((name) => names.includes(name));
}
