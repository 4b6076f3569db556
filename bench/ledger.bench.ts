// Ledger benchmark: pre-fills a topic with N synthetic route events, then times a consume-only
// baseline, ingest by a real ledger process, rebuild and verify. Run by hand, never as a test:
//   node --import ./bin/register.js bench/ledger.bench.ts [--events 200000] [--freshness-rps 1000]
//     [--freshness-seconds 20]
// then runs a gateway + a second ledger at a fixed rate and measures spend freshness per request.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import pg from 'pg';
import { createKafka, createProducer, startBatchConsumer, type KafkaClient } from '@kt/bus';
import { encodeEvent, type RouteEvent } from '@kt/contracts';
import { claimPort, startKafka, startPostgres } from '@kt/local-infra';
import { sampleRouteEvent } from '@kt/spend';
import { dbOnlyEventsPerSec } from './ledger/db-only.baseline.js';
import { previousDesignEventsPerSec } from './ledger/db-only.previous.js';
import { measureFreshness } from './ledger/freshness.run.js';
import { renderSection, writeSection } from './ledger/ledger-bench.report.js';

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

async function prefill(kafka: KafkaClient, topic: string, events: number): Promise<number> {
  const admin = kafka.admin();
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

async function consumeOnly(kafka: KafkaClient, topic: string, events: number): Promise<number> {
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
}

async function main(opts: BenchOptions): Promise<void> {
  const { events } = opts;
  const kafkaPorts = [await claimPort(29092)];
  kafkaPorts.push(await claimPort(29093, [kafkaPorts[0]!.port]));
  const pgPort = await claimPort(55439);
  const kafkaServer = await startKafka({
    port: kafkaPorts[0]!.port,
    controllerPort: kafkaPorts[1]!.port,
    dataDir: `${ROOT}.kt/bench-ledger-kafka`,
    fresh: true,
  });
  const pgServer = await startPostgres({ port: pgPort.port, fresh: true, database: 'ledger' });
  const kafka = createKafka({ clientId: 'kt-bench-ledger', brokers: kafkaServer.brokers });
  const topic = `bench.route-events.${Date.now()}`;
  const db = new pg.Client({ connectionString: pgServer.url });
  const ledgerPort = await claimPort(45004);
  let ledger: ReturnType<typeof spawn> | undefined;
  try {
    const eventBytes = await prefill(kafka, topic, events);
    say(`pre-filled ${events} events, ~${eventBytes} bytes each`);
    const consumeOnlyPerSec = await consumeOnly(kafka, topic, events);
    say(`consume-only baseline: ${Math.round(consumeOnlyPerSec)} events/s`);
    ledger = spawn(process.execPath, ['bin/kt-service.js', 'ledger'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        LEDGER_PORT: String(ledgerPort.port),
        KAFKA_BROKERS: kafkaServer.brokers,
        DATABASE_URL: pgServer.url,
        LEDGER_TOPIC: topic,
        LEDGER_DEAD_LETTER_TOPIC: `${topic}.dl`,
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
    const job = (await (await fetch(`${base}/v1/admin/rebuild`, { method: 'POST' })).json()) as {
      id: string;
    };
    for (;;) {
      const p = (await (await fetch(`${base}/v1/admin/rebuild/${job.id}`)).json()) as {
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
    const verify = (await (await fetch(`${base}/v1/admin/verify`)).json()) as { equal: boolean };
    const verifySeconds = (Date.now() - began) / 1000;
    say(`verify: ${verifySeconds.toFixed(1)} s, equal=${verify.equal}`);
    const dbOnlyPerSec = await dbOnlyEventsPerSec(
      pgServer.url,
      Array.from({ length: Math.min(events, 100_000) }, (_, n) => syntheticEvent(n)),
    );
    say(`db-only baseline: ${Math.round(dbOnlyPerSec)} events/s`);
    const previousDbOnlyPerSec = await previousDesignEventsPerSec(
      pgServer.url,
      Array.from({ length: Math.min(events, 100_000) }, (_, n) => syntheticEvent(n)),
    );
    say(`db-only, previous design (event_ids table + jsonb): ${Math.round(previousDbOnlyPerSec)} events/s`);
    ledger.kill('SIGTERM');
    await db.query('CREATE DATABASE freshness');
    const freshUrl = new URL(pgServer.url);
    freshUrl.pathname = '/freshness';
    const freshness = await measureFreshness({
      root: ROOT,
      kafkaBrokers: kafkaServer.brokers,
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
    await writeSection(`${ROOT}docs/benchmarks.md`, section);
    say('docs/benchmarks.md updated');
  } finally {
    ledger?.kill('SIGTERM');
    await db.end().catch(() => undefined);
    await kafkaServer.stop();
    await pgServer.stop();
    await Promise.all([...kafkaPorts, pgPort, ledgerPort].map((c) => c.release()));
  }
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
  .action(async (opts: BenchOptions) => {
    await main(opts);
  });
await program.parseAsync(process.argv);
