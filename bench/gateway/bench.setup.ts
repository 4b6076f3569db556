import { existsSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { claimPort, freePort, startKafka, type PortClaim } from '@kt/local-infra';
import type { TargetAvailability, TargetName } from './bench.model.js';
import {
  directRequest,
  ktRequest,
  portkeyRequest,
  startKt,
  startPortkey,
  startSimulator,
  trialRequest,
  waitForStatus,
} from './bench.servers.js';
import type { CleanupStack } from './cleanup.stack.js';
import type { LoadRequest } from './load.runner.js';
import { ensureSuiteTopics } from './route-events.check.js';

/** A target ready for load: its request and the process whose CPU is its cost. */
export interface ReadyTarget {
  readonly name: TargetName;
  readonly request: LoadRequest;
  readonly pid: number;
}

export interface BenchSetup {
  readonly simulatorPid: number;
  /** Set when kt is available: its route events go to this broker. */
  readonly kafka?: RunningBroker;
  readonly ready: readonly ReadyTarget[];
  readonly availability: readonly TargetAvailability[];
}

type Say = (line: string) => void;

/**
 * Starts the simulator and every wanted gateway, each in its own process. Direct and Portkey must
 * work (else the harness is broken); kt that does not answer a trial request with 200 is reported
 * as not available instead, and stopped so it costs no CPU during the run.
 */
export async function setUpTargets(
  root: string,
  wanted: readonly TargetName[],
  cleanup: CleanupStack,
  say: Say,
  before?: string,
): Promise<BenchSetup> {
  const stateDir = join(root, '.kt', 'bench');
  cleanup.push('bench state dir', () => rmdir(stateDir).catch(() => undefined)); // only when empty
  const kts = ktCheckouts(root, wanted, before);
  const kafka = kts.length > 0 ? startBroker(root, cleanup, say) : undefined;
  kafka?.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const sim = await startSimulator(root);
  cleanup.push('provider-sim', () => sim.process.stop());
  say(`simulator: ${sim.openai} (pid ${sim.process.pid})`);

  const ready: ReadyTarget[] = [];
  const availability: TargetAvailability[] = [];
  if (wanted.includes('direct')) {
    const request = directRequest(sim.openai);
    await mustWork('direct', request);
    ready.push({ name: 'direct', request, pid: sim.process.pid });
    availability.push({ target: 'direct', available: true });
  }
  const usedPorts: number[] = [];
  if (wanted.includes('portkey')) {
    const port = await freePort(18787);
    usedPorts.push(port);
    const portkey = await startPortkey(root, port);
    cleanup.push('portkey', () => portkey.stop());
    say(`Portkey gateway: http://127.0.0.1:${port} (pid ${portkey.pid})`);
    const request = portkeyRequest(`http://127.0.0.1:${port}`, sim.openai);
    await mustWork('portkey', request);
    ready.push({ name: 'portkey', request, pid: portkey.pid });
    availability.push({ target: 'portkey', available: true });
  }
  let ktReady = false;
  for (const checkout of kafka ? kts : []) {
    const kt = await startKtGateway(checkout, sim.openai, kafka!, usedPorts, cleanup, say);
    availability.push(kt.availability);
    if (kt.ready) {
      ready.push(kt.ready);
      ktReady = true;
    }
  }
  // The broker is awaited only when some kt answered: a broker that failed made every kt unavailable.
  if (kafka && ktReady) return { simulatorPid: sim.process.pid, kafka: await kafka, ready, availability };
  return { simulatorPid: sim.process.pid, ready, availability };
}

/** A kt gateway to start: which target it is and the checkout it runs from. */
interface KtCheckout {
  readonly name: 'kt' | 'kt-before';
  readonly root: string;
}

function ktCheckouts(root: string, wanted: readonly TargetName[], before: string | undefined): KtCheckout[] {
  const kts: KtCheckout[] = [];
  if (wanted.includes('kt')) kts.push({ name: 'kt', root });
  if (wanted.includes('kt-before') && before !== undefined) kts.push({ name: 'kt-before', root: before });
  return kts;
}

async function mustWork(target: TargetName, request: LoadRequest): Promise<void> {
  const trial = await trialRequest(target, request);
  if (!trial.ok) throw new Error(`${target}: ${trial.reason}`);
}

async function startKtGateway(
  { name, root }: KtCheckout,
  simOrigin: string,
  kafka: Promise<RunningBroker>,
  usedPorts: number[],
  cleanup: CleanupStack,
  say: Say,
): Promise<{ readonly availability: TargetAvailability; readonly ready?: ReadyTarget }> {
  const unavailable = (reason: string): { readonly availability: TargetAvailability } => {
    say(`${name} gateway: not available (${reason})`);
    return { availability: { target: name, available: false, reason } };
  };
  if (!existsSync(join(root, 'bin', 'kt-service.js'))) return unavailable(`no kt checkout at ${root}`);
  let brokers: string;
  try {
    brokers = (await kafka).brokers;
  } catch (error) {
    return unavailable(`Kafka could not start: ${firstLine(error)}`);
  }
  const port = await freePort(41102, usedPorts);
  usedPorts.push(port);
  const spoolDir = join(root, '.kt', 'bench', `spool-${port}`);
  cleanup.push(`${name} spool`, () => rm(spoolDir, { recursive: true, force: true }));
  // Each checkout runs its own bench pack: the pack format may have changed between revisions.
  const kt = await startKt(root, {
    port,
    simOrigin,
    kafkaBrokers: brokers,
    pack: join(root, 'bench', 'packs', 'bench.yaml'),
    spoolDir,
    instanceId: `bench-${name}`,
  });
  cleanup.push(`${name} gateway`, () => kt.stop());
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(`${origin}/readyz`, kt, 90_000);
  } catch (error) {
    say(`${name} gateway output:\n${kt.recentOutput()}`);
    await kt.stop();
    return unavailable(`not ready: ${firstLine(error)}`);
  }
  const request = ktRequest(origin);
  const trial = await trialRequest(name, request);
  if (!trial.ok) {
    await kt.stop();
    return unavailable(trial.reason);
  }
  say(`${name} gateway: ${origin} from ${root} (pid ${kt.pid}, events to Kafka at ${brokers})`);
  return { availability: { target: name, available: true }, ready: { name, request, pid: kt.pid } };
}

export interface RunningBroker {
  readonly brokers: string;
  readonly pid: number;
}

/** A fresh single-node Kafka on claimed ports with the suite's topics, removed again at the end. */
async function startBroker(root: string, cleanup: CleanupStack, say: Say): Promise<RunningBroker> {
  const claims: PortClaim[] = [];
  cleanup.push('port claims', async () => {
    await Promise.all(claims.map((c) => c.release()));
  });
  claims.push(await claimPort(29092));
  claims.push(await claimPort(29093, [claims[0]!.port]));
  const [port, controllerPort] = claims.map((c) => c.port);
  const dataDir = join(root, '.kt', 'bench', `kafka-${port}`);
  say(`starting Kafka on localhost:${port} …`);
  const broker = await startKafka({
    port,
    controllerPort,
    dataDir,
    fresh: true,
    javaHome: process.env.JAVA_HOME,
  });
  cleanup.push('kafka', () => broker.stop().then(() => rm(dataDir, { recursive: true, force: true })));
  await ensureSuiteTopics(broker.brokers);
  say(`Kafka: ${broker.brokers} (pid ${broker.pid}), topics created`);
  return { brokers: broker.brokers, pid: broker.pid };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
