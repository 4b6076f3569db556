// Gateway overhead benchmark: direct to the OpenAI simulator vs. through kt (events on) vs. through
// Portkey's open-source gateway, same run, same box; with `--before <checkout>` also kt of an earlier
// revision, for a before/after in one sitting. Run by hand, never as a timed test:
//   node --import ./bin/register.js bench/gateway.bench.ts [--quick]   (npm run bench:gateway)
import { loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { writeResults } from './gateway/bench.files.js';
import type { BenchRun, Phase, RouteEventTally, RunMeasurement } from './gateway/bench.model.js';
import {
  benchPhases,
  interleavedOrder,
  parseBenchOptions,
  phaseLabel,
  type BenchOptions,
} from './gateway/bench.options.js';
import { setUpTargets, type BenchSetup, type ReadyTarget } from './gateway/bench.setup.js';
import { CleanupStack } from './gateway/cleanup.stack.js';
import { openCpuWindow } from './gateway/cpu.window.js';
import { runFixedRate, runMaxThroughput } from './gateway/load.runner.js';
import { machineInfo, packageVersion, sourceRevision } from './gateway/machine.info.js';
import { settledRouteEventCount } from './gateway/route-events.check.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const say = (line: string): void => {
  process.stdout.write(`[bench] ${line}\n`);
};

const cleanup = new CleanupStack();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    say(`${signal}: stopping every process this run started …`);
    void cleanup.runAll().then(() => process.exit(130));
  });
}

async function main(options: BenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  const setup = await setUpTargets(ROOT, options.targets, cleanup, say, options.before);
  if (!options.quick) await delay(3_000); // let start-up work (JIT, Kafka) settle before measuring

  const runs: RunMeasurement[] = [];
  const phases = benchPhases(options);
  for (const [index, phase] of phases.entries()) {
    for (const name of interleavedOrder(
      setup.ready.map((t) => t.name),
      index,
    )) {
      if (interrupted) return;
      const target = setup.ready.find((t) => t.name === name)!;
      const run = await measure(target, phase, options, setup);
      runs.push(run);
      say(describe(run));
      await delay(1_000);
    }
  }

  let routeEvents: RouteEventTally | undefined = undefined;
  if (setup.kafka) {
    // Every kt in the run (kt before too) sends its events to this one broker; each answered a trial.
    const kts = setup.ready.filter((t) => t.name === 'kt' || t.name === 'kt-before').length;
    const answered =
      kts +
      runs
        .filter((r) => r.target === 'kt' || r.target === 'kt-before')
        .reduce((sum, r) => sum + r.completed, 0);
    const inKafka = await settledRouteEventCount(setup.kafka.brokers, answered);
    routeEvents = { answered, inKafka };
    say(`route events in Kafka: ${inKafka} for ${answered} answered kt requests`);
  }

  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    command: commandLine(),
    revision: sourceRevision(ROOT),
    machine: machineInfo(),
    settings: {
      quick: options.quick,
      connections: options.connections,
      rates: options.rates,
      runSeconds: options.runSeconds,
      warmupSeconds: options.warmupSeconds,
      portkeyVersion: packageVersion(ROOT, '@portkey-ai/gateway'),
      autocannonVersion: packageVersion(ROOT, 'autocannon'),
      ...(options.before !== undefined && { before: { revision: sourceRevision(options.before) } }),
    },
    availability: setup.availability,
    runs,
    ...(routeEvents && { routeEvents }),
  };
  const files = await writeResults(ROOT, run, options.writeDocs);
  for (const file of Object.values(files)) say(`wrote ${file}`);
  for (const a of run.availability.filter((x) => !x.available))
    say(`${a.target} was not available: ${a.reason ?? 'unknown'}`);
}

async function measure(
  target: ReadyTarget,
  phase: Phase,
  options: BenchOptions,
  setup: BenchSetup,
): Promise<RunMeasurement> {
  const loadAverage = loadavg()[0] ?? 0;
  const cpuWindow = openCpuWindow({
    target: target.pid,
    simulator: setup.simulatorPid,
    kafka: setup.kafka?.pid,
  });
  const outcome =
    phase.kind === 'rate'
      ? await runFixedRate(target.request, phase.rate, options.connections, phase.seconds)
      : await runMaxThroughput(target.request, options.connections, phase.seconds);
  const cpu = cpuWindow();
  return {
    target: target.name,
    phase: phaseLabel(phase),
    requestedRate: phase.kind === 'rate' ? phase.rate : null,
    seconds: phase.seconds,
    connections: options.connections,
    completed: outcome.completed,
    ok: outcome.ok,
    non2xx: outcome.non2xx,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
    rps: outcome.rps,
    latency: outcome.latency,
    statusCodes: outcome.statusCodes,
    cpu: {
      target: cpu['target'] ?? null,
      simulator: cpu['simulator'] ?? null,
      kafka: cpu['kafka'] ?? null,
      loadGenerator: cpu['self'] ?? null,
      machine: cpu['machine'] ?? null,
    },
    loadAverage,
  };
}

function describe(r: RunMeasurement): string {
  const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : v.toFixed(2));
  const cores = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(2));
  return (
    `${r.phase.padEnd(10)} ${r.target.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} RPS  ` +
    `p50 ${ms(r.latency?.p50)}  p99 ${ms(r.latency?.p99)}  max ${ms(r.latency?.max)} ms  ` +
    `non-2xx ${r.non2xx}  errors ${r.errors}  cpu server ${cores(r.cpu.target)} kafka ${cores(r.cpu.kafka)} ` +
    `loadgen ${cores(r.cpu.loadGenerator)} machine ${cores(r.cpu.machine)}`
  );
}

/** The command as typed, so the doc can say exactly how the numbers were made. */
function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === 'bench:gateway')
    return `npm run bench:gateway${args ? ` -- ${args}` : ''}`;
  return `node --import ./bin/register.js bench/gateway.bench.ts${args ? ` ${args}` : ''}`;
}

let exitCode = 0;
try {
  await main(parseBenchOptions(process.argv.slice(2)));
} catch (error) {
  if (error instanceof CommanderError) exitCode = error.exitCode;
  else {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    exitCode = 1;
  }
} finally {
  for (const failure of await cleanup.runAll()) say(`cleanup: ${failure}`);
}
if (!interrupted) process.exit(exitCode);
