// Ledger benchmark: pre-fills a topic with N synthetic route events, then times a consume-only
// baseline, ingest by a real ledger process, rebuild and verify. Run by hand, never as a test:
//   node --import ./bin/register.js bench/ledger.bench.ts [--events 200000] [--freshness-rps 1000]
//     [--freshness-seconds 20] [--kafka-brokers HOST:PORT --database-url URL] [--quick]
// then runs a gateway + a second ledger at a fixed rate and measures spend freshness per request.
// On a shared box, `--kafka-brokers`/`--database-url` reuse running servers instead of starting fresh
// ones, and `--quick` times ingest, rebuild and verify only, for an A/B that leaves docs/ alone.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import pg from 'pg';
import { createKafka, createProducer, startBatchConsumer, type BusClient } from '@kt/bus';
import { encodeEvent, type RouteEvent } from '@kt/contracts';
import { claimPort, startKafka, startPostgres } from '@kt/local-infra';
import { sampleRouteEvent } from '../test/support/route-event.fixture.js';
import { dbOnlyEventsPerSec } from './ledger/db-only.baseline.js';
import { previousDesignEventsPerSec } from './ledger/db-only.previous.js';
import { measureFreshness } from './ledger/freshness.run.js';
import { renderSection, writeLedgerSection } from './ledger/ledger-bench.report.js';
import { kafkaAdmin } from '../test/support/kafka.client.js';

/** The run's own admin credential for the ledger's rebuild and verify routes. */
const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PARTITIONS = 3;
const say = (line: string): void => {
  process.stdout.write(`[bench] ${line}\n`);
};

function syntheticEvent(n: number): RouteEvent {
  const provider = ['openai', 'azure', 'anthropic'][n % 3] ?? 'openai';
  const base = sampleRouteEvent();
  return {
    ...base,
    event_id: randomUUID(),
    request_id: `bench-${n}`,
    occurred_at: new Date(Date.UTC(2025, n % 3, 1 + (n % 28), n % 24, 0, n % 60)).toISOString(),
    caller: { key_id: `key-${n % 50}`, team: `team-${n % 7}` },
    served: { target: `${provider}-main`, provider, upstream_model: `${provider}-model` },
    cost: { micro_usd: String(1000 + (n % 9973)), currency: 'USD', priced_by: 'catalog' },
  } as RouteEvent;
}

async function prefill(kafka: BusClient, topic: string, events: number): Promise<number> {
  const admin = kafkaAdmin(kafka);
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const producer = createProducer(kafka);
  await producer.connect();
  let bytes = 0;
  for (let i = 0; i < events; i += 1_500) {
    const batch = Array.from({ length: Math.min(1_500, events - i) }, (_, k) => {
      const e = syntheticEvent(i + k);
      return { key: e.request_id, value: encodeEvent(e) };
    });
    bytes += batch.reduce((s, m) => s + m.value.length, 0);
    await producer.send(topic, batch);
    if (i % 30_000 === 0) say(`pre-filled ${i + batch.length}/${events}`);
  }
  await producer.disconnect();
  return Math.round(bytes / events);
}

async function consumeOnly(kafka: BusClient, topic: string, events: number): Promise<number> {
  let seen = 0;
  const began = Date.now();
  const consumer = await startBatchConsumer(kafka, {
    groupId: `bench-consume-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    autoCommit: false,
    maxBytesPerPartition: 8 * 1024 * 1024,
    handleBatch: async ({ batch, resolveOffset }) => {
      seen += batch.messages.length;
      resolveOffset(batch.lastOffset());
    },
  });
  while (seen < events) await sleep(50);
  const seconds = (Date.now() - began) / 1000;
  await consumer.stop();
  return events / seconds;
}

async function checkpointed(db: pg.Client): Promise<number> {
  const r = await db.query<{ n: string | null }>('SELECT sum(next_offset)::text AS n FROM ledger_offsets');
  return Number(r.rows[0]?.n ?? 0);
}

interface BenchOptions {
  readonly events: number;
  readonly freshnessRps: number;
  readonly freshnessSeconds: number;
  readonly kafkaBrokers?: string;
  readonly databaseUrl?: string;
  readonly quick?: boolean;
  readonly ledgerCpuProf?: string;
}

interface BenchInfra {
  readonly brokers: string;
  readonly url: string;
  stop(): Promise<void>;
}

/** Fresh Kafka + Postgres of the bench's own, or a database of its own on servers already running. */
async function infra(opts: BenchOptions): Promise<BenchInfra> {
  if (opts.kafkaBrokers && opts.databaseUrl) {
    const name = `kt_bench_ledger_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: opts.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(opts.databaseUrl);
    url.pathname = `/${name}`;
    return {
      brokers: opts.kafkaBrokers,
      url: url.toString(),
      stop: async () => {
        const c = new pg.Client({ connectionString: opts.databaseUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const kafkaPorts = [await claimPort(29092)];
  kafkaPorts.push(await claimPort(29093, [kafkaPorts[0]!.port]));
  const pgPort = await claimPort(55439);
  const kafkaServer = await startKafka({
    port: kafkaPorts[0]!.port,
    controllerPort: kafkaPorts[1]!.port,
    dataDir: `${ROOT}.kt/bench-ledger-kafka`,
    fresh: true,
    javaHome: process.env.JAVA_HOME,
  });
  const pgServer = await startPostgres({ port: pgPort.port, fresh: true, database: 'ledger' });
  return {
    brokers: kafkaServer.brokers,
    url: pgServer.url,
    stop: async () => {
      await kafkaServer.stop();
      await pgServer.stop();
      await Promise.all([...kafkaPorts, pgPort].map((c) => c.release()));
    },
  };
}

async function main(opts: BenchOptions): Promise<void> {
  const { events } = opts;
  const servers = await infra(opts);
  const kafka = createKafka({ clientId: 'kt-bench-ledger', brokers: servers.brokers });
  const topic = `bench.route-events.${Date.now()}`;
  const db = new pg.Client({ connectionString: servers.url });
  const ledgerPort = await claimPort(45004);
  let ledger: ReturnType<typeof spawn> | undefined;
  try {
    const eventBytes = await prefill(kafka, topic, events);
    say(`pre-filled ${events} events, ~${eventBytes} bytes each`);
    const consumeOnlyPerSec = await consumeOnly(kafka, topic, events);
    say(`consume-only baseline: ${Math.round(consumeOnlyPerSec)} events/s`);
    const profile = opts.ledgerCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.ledgerCpuProf}`] : [];
    ledger = spawn(process.execPath, [...profile, 'bin/kt-service.js', 'ledger'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        LEDGER_PORT: String(ledgerPort.port),
        KAFKA_BROKERS: servers.brokers,
        DATABASE_URL: servers.url,
        LEDGER_TOPIC: topic,
        LEDGER_DEAD_LETTER_TOPIC: `${topic}.dl`,
        LEDGER_TOKENS: `admin:bench:${ADMIN_TOKEN}`,
        // Tuning knobs of the run (`LEDGER_MAX_BYTES_PER_PARTITION=… npm run bench:ledger`) reach the ledger.
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('LEDGER_'))),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await db.connect();
    // Timed from the ledger's first checkpoint, so process start-up is not counted.
    while ((await checkpointed(db).catch(() => 0)) === 0) await sleep(20);
    const first = Date.now();
    while ((await checkpointed(db)) < events) await sleep(100);
    const ingestSeconds = (Date.now() - first) / 1000;
    say(`ingest: ${ingestSeconds.toFixed(1)} s (${Math.round(events / ingestSeconds)} events/s)`);
    const base = `http://127.0.0.1:${ledgerPort.port}`;
    let began = Date.now();
    const job = (await (
      await fetch(`${base}/v1/admin/rebuild`, { method: 'POST', headers: ADMIN })
    ).json()) as {
      id: string;
    };
    for (;;) {
      const p = (await (await fetch(`${base}/v1/admin/rebuild/${job.id}`, { headers: ADMIN })).json()) as {
        state: string;
        error: string;
      };
      if (p.state === 'failed') throw new Error(`rebuild failed: ${p.error}`);
      if (p.state === 'done') break;
      await sleep(200);
    }
    const rebuildSeconds = (Date.now() - began) / 1000;
    say(`rebuild: ${rebuildSeconds.toFixed(1)} s`);
    began = Date.now();
    const verify = (await (await fetch(`${base}/v1/admin/verify`, { headers: ADMIN })).json()) as {
      equal: boolean;
    };
    const verifySeconds = (Date.now() - began) / 1000;
    say(`verify: ${verifySeconds.toFixed(1)} s, equal=${verify.equal}`);
    if (opts.quick) return;
    const dbOnlyPerSec = await dbOnlyEventsPerSec(
      servers.url,
      Array.from({ length: Math.min(events, 100_000) }, (_, n) => syntheticEvent(n)),
    );
    say(`db-only baseline: ${Math.round(dbOnlyPerSec)} events/s`);
    const previousDbOnlyPerSec = await previousDesignEventsPerSec(
      servers.url,
      Array.from({ length: Math.min(events, 100_000) }, (_, n) => syntheticEvent(n)),
    );
    say(`db-only, previous design (event_ids table + jsonb): ${Math.round(previousDbOnlyPerSec)} events/s`);
    ledger.kill('SIGTERM');
    await db.query('CREATE DATABASE freshness');
    const freshUrl = new URL(servers.url);
    freshUrl.pathname = '/freshness';
    const freshness = await measureFreshness({
      root: ROOT,
      kafkaBrokers: servers.brokers,
      databaseUrl: freshUrl.toString(),
      rps: opts.freshnessRps,
      seconds: opts.freshnessSeconds,
    });
    say(
      `freshness at ${freshness.rps} RPS: p50 ${freshness.p50Ms} ms, p99 ${freshness.p99Ms} ms, ${freshness.visible}/${freshness.ok} visible`,
    );
    const section = renderSection({
      dbOnlyPerSec,
      previousDbOnlyPerSec,
      freshness,
      measuredAt: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      command: `node --import ./bin/register.js bench/ledger.bench.ts --events ${events} --freshness-rps ${opts.freshnessRps} --freshness-seconds ${opts.freshnessSeconds}`,
      events,
      partitions: PARTITIONS,
      eventBytes,
      consumeOnlyPerSec,
      ingestSeconds,
      rebuildSeconds,
      verifySeconds,
      verifyEqual: verify.equal,
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
    });
    await writeLedgerSection(`${ROOT}docs/benchmarks.md`, section);
    say('docs/benchmarks.md updated');
  } finally {
    ledger?.kill('SIGTERM');
    await db.end().catch(() => undefined);
    if (opts.kafkaBrokers) await deleteTopics(kafka, [topic, `${topic}.dl`]);
    await servers.stop();
    await ledgerPort.release();
  }
}

async function deleteTopics(kafka: BusClient, topics: string[]): Promise<void> {
  const admin = kafkaAdmin(kafka);
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}

const program = new Command('ledger-bench')
  .option('--events <n>', 'events to pre-fill', (v) => Number.parseInt(v, 10), 200_000)
  .option(
    '--freshness-rps <n>',
    'gateway load while measuring freshness',
    (v) => Number.parseInt(v, 10),
    1_000,
  )
  .option('--freshness-seconds <n>', 'how long to hold that load', (v) => Number.parseInt(v, 10), 20)
  .option('--kafka-brokers <list>', 'use this running Kafka instead of starting one')
  .option('--database-url <url>', 'use this running Postgres (a database of its own is created)')
  .option('--ledger-cpu-prof <dir>', 'write a V8 CPU profile of the ledger process into this folder')
  .option('--quick', 'ingest, rebuild and verify only; docs/benchmarks.md is left alone')
  .action(async (opts: BenchOptions) => {
    await main(opts);
  });
await program.parseAsync(process.argv);
