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
): Promise<BenchSetup> {
  const stateDir = join(root, '.kt', 'bench');
  cleanup.push('bench state dir', () => rmdir(stateDir).catch(() => undefined)); // only when empty
  const kafka = wanted.includes('kt') ? startBroker(root, cleanup, say) : undefined;
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
  if (kafka) {
    const kt = await startKtGateway(root, sim.openai, kafka, usedPorts, cleanup, say);
    availability.push(kt.availability);
    if (kt.ready) {
      ready.push(kt.ready);
      return { simulatorPid: sim.process.pid, kafka: await kafka, ready, availability };
    }
  }
  return { simulatorPid: sim.process.pid, ready, availability };
}

async function mustWork(target: TargetName, request: LoadRequest): Promise<void> {
  const trial = await trialRequest(target, request);
  if (!trial.ok) throw new Error(`${target}: ${trial.reason}`);
}

async function startKtGateway(
  root: string,
  simOrigin: string,
  kafka: Promise<RunningBroker>,
  avoid: readonly number[],
  cleanup: CleanupStack,
  say: Say,
): Promise<{ readonly availability: TargetAvailability; readonly ready?: ReadyTarget }> {
  const unavailable = (reason: string): { readonly availability: TargetAvailability } => {
    say(`kt gateway: not available (${reason})`);
    return { availability: { target: 'kt', available: false, reason } };
  };
  let brokers: string;
  try {
    brokers = (await kafka).brokers;
  } catch (error) {
    return unavailable(`Kafka could not start: ${firstLine(error)}`);
  }
  const port = await freePort(41102, avoid);
  const spoolDir = join(root, '.kt', 'bench', `spool-${port}`);
  cleanup.push('kt spool', () => rm(spoolDir, { recursive: true, force: true }));
  const kt = await startKt(root, {
    port,
    simOrigin,
    kafkaBrokers: brokers,
    pack: join(root, 'bench', 'packs', 'bench.yaml'),
    spoolDir,
  });
  cleanup.push('kt gateway', () => kt.stop());
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(`${origin}/readyz`, kt, 90_000);
  } catch (error) {
    say(`kt gateway output:\n${kt.recentOutput()}`);
    await kt.stop();
    return unavailable(`not ready: ${firstLine(error)}`);
  }
  const request = ktRequest(origin);
  const trial = await trialRequest('kt', request);
  if (!trial.ok) {
    await kt.stop();
    return unavailable(trial.reason);
  }
  say(`kt gateway: ${origin} (pid ${kt.pid}, events to Kafka at ${brokers})`);
  return { availability: { target: 'kt', available: true }, ready: { name: 'kt', request, pid: kt.pid } };
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
  const broker = await startKafka({ port, controllerPort, dataDir, fresh: true });
  cleanup.push('kafka', () => broker.stop().then(() => rm(dataDir, { recursive: true, force: true })));
  await ensureSuiteTopics(broker.brokers);
  say(`Kafka: ${broker.brokers} (pid ${broker.pid}), topics created`);
  return { brokers: broker.brokers, pid: broker.pid };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
