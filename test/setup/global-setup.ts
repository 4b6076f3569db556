import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimPort, startKafka, startPostgres, type PortClaim } from '@kt/local-infra';
import type { TestProject } from 'vitest/node';
import type {} from './infra.context.js';

const TEST_KAFKA_DIR = fileURLToPath(new URL('../../.kt/test-kafka/', import.meta.url));

type Stop = () => Promise<void>;
interface Started {
  readonly value: string;
  readonly stop?: Stop;
}

const say = (line: string): void => {
  process.stdout.write(`[infra] ${line}\n`);
};
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Starts Kafka and PostgreSQL once per integration run, unless KAFKA_BROKERS / DATABASE_URL point
 * at existing ones, and hands their addresses to the tests. Preferred ports are 19092/19093 and
 * 54339; a concurrent run on the same machine gets free ones instead.
 */
export default async function setup(project: TestProject): Promise<Stop> {
  const results = await Promise.allSettled([kafka(), postgres()]);
  const stops = results.flatMap((r) => (r.status === 'fulfilled' && r.value.stop ? [r.value.stop] : []));
  const teardown: Stop = async () => {
    await Promise.all(
      stops.map((stop) => stop().catch((error: unknown) => say(`stop failed: ${String(error)}`))),
    );
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  const [broker, database] = results.map((r) => (r as PromiseFulfilledResult<Started>).value);
  if (!broker || !database) throw new Error('unreachable: both infrastructure results are present');
  project.provide('kafkaBrokers', broker.value);
  project.provide('databaseUrl', database.value);
  // Also in the environment, for code under test that reads it the way the services do.
  const before = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, DATABASE_URL: process.env.DATABASE_URL };
  process.env.KAFKA_BROKERS = broker.value;
  process.env.DATABASE_URL = database.value;
  return async () => {
    const began = Date.now();
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await teardown();
    if (stops.length > 0) say(`infrastructure stopped (${seconds(began)})`);
  };
}

async function kafka(): Promise<Started> {
  const given = process.env.KAFKA_BROKERS;
  if (given) {
    say(`using Kafka at ${given} (KAFKA_BROKERS)`);
    return { value: given };
  }
  const began = Date.now();
  const claims: PortClaim[] = [];
  const release = (): Promise<unknown> => Promise.all(claims.map((c) => c.release()));
  try {
    claims.push(await claimPort(19092));
    claims.push(await claimPort(19093, [claims[0]!.port]));
    const [port, controllerPort] = claims.map((c) => c.port);
    const kafkaDir = join(TEST_KAFKA_DIR, String(port));
    say(`starting Kafka on localhost:${port} …`);
    const broker = await startKafka({
      port,
      controllerPort,
      // One folder per port: a concurrent run on this machine has its own broker and data.
      dataDir: kafkaDir,
      fresh: true,
      log: (line) => say(`kafka: ${line}`),
      javaHome: process.env.JAVA_HOME,
    });
    say(`Kafka ready on ${broker.brokers} (${seconds(began)}; log: ${broker.logFile})`);
    // The partitions go, the broker's log stays for a look after a failed run.
    const stop = (): Promise<void> =>
      broker
        .stop()
        .then(() => rm(join(kafkaDir, 'data'), { recursive: true, force: true }))
        .finally(release);
    return { value: broker.brokers, stop };
  } catch (error) {
    await release();
    throw error;
  }
}

async function postgres(): Promise<Started> {
  const given = process.env.DATABASE_URL;
  if (given) {
    say('using the database at DATABASE_URL');
    return { value: given };
  }
  const began = Date.now();
  const claim = await claimPort(54339);
  try {
    say(`starting PostgreSQL on localhost:${claim.port} …`);
    const dataDir = join(tmpdir(), `kt-pg-test-${claim.port}`);
    const db = await startPostgres({ port: claim.port, dataDir, fresh: true });
    say(`PostgreSQL ready on localhost:${claim.port} (${seconds(began)})`);
    const stop = (): Promise<void> =>
      db
        .stop()
        .then(() => rm(dataDir, { recursive: true, force: true }))
        .finally(() => claim.release());
    return { value: db.url, stop };
  } catch (error) {
    await claim.release();
    throw error;
  }
}
