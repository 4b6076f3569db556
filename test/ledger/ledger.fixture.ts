import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, createProducer, type BusClient, type BusMessage } from '@kt/bus';
import { encodeEvent, type RouteEvent } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import pg from 'pg';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import { databaseUrl, kafkaBrokers } from '../setup/infra.js';
import { ledgerAuth, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';
import { kafkaAdmin } from '../support/kafka.client.js';

export interface LedgerOptions {
  readonly databaseUrl: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly group: string;
  readonly brokers?: string;
  /** Extra settings for the ledger process (e.g. `LEDGER_APPLY_DELAY_MS`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A real ledger process (`bin/kt-service.js ledger`), killable with SIGKILL. */
export class LedgerUnderTest {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly logs: string[],
  ) {}

  static async start(opts: LedgerOptions, port?: number): Promise<LedgerUnderTest> {
    const chosen = port ?? (await listenPort());
    const child = spawn(process.execPath, ['bin/kt-service.js', 'ledger'], {
      env: {
        PATH: process.env.PATH,
        LEDGER_PORT: String(chosen),
        KAFKA_BROKERS: opts.brokers ?? kafkaBrokers(),
        DATABASE_URL: opts.databaseUrl,
        LEDGER_TOPIC: opts.topic,
        LEDGER_DEAD_LETTER_TOPIC: opts.deadLetterTopic,
        LEDGER_CONSUMER_GROUP: opts.group,
        LEDGER_TOKENS: TEST_LEDGER_TOKENS,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    child.stdout?.on('data', (b: Buffer) => logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
    const ledger = new LedgerUnderTest(`http://127.0.0.1:${chosen}`, child, logs);
    await ledger.waitReady();
    return ledger;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`ledger exited:\n${this.logs.join('')}`);
      const ok = await fetch(`${this.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`ledger not ready:\n${this.logs.join('')}`);
  }

  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async totals(by: string, filters: Record<string, string> = {}): Promise<Record<string, string>> {
    const query = new URLSearchParams({ by, ...filters });
    const res = await fetch(`${this.url}/v1/ledger/totals?${query.toString()}`, {
      headers: ledgerAuth('finance'),
    });
    if (!res.ok) throw new Error(`totals: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as {
      rows: { value: string; cost_micro_usd: string; requests: string }[];
    };
    return Object.fromEntries(body.rows.map((r) => [r.value, `${r.requests}/${r.cost_micro_usd}`]));
  }
}

/** A database of its own for one test file, on the shared test server. */
export async function createDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: databaseUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function createTopics(
  kafka: BusClient,
  names: readonly string[],
  partitions = 3,
): Promise<void> {
  const admin = kafkaAdmin(kafka);
  await admin.connect();
  await admin.createTopics({
    topics: names.map((topic) => ({ topic, numPartitions: partitions })),
    waitForLeaders: true,
  });
  await admin.disconnect();
}

export function testKafka(brokers = kafkaBrokers()): BusClient {
  return createKafka({ clientId: 'kt-test-ledger', brokers });
}

const PROVIDERS = ['openai', 'azure', 'anthropic'] as const;
const TEAMS = ['finance', 'search', null] as const;

/** A deterministic synthetic route event; cost and dimensions vary with `n`. */
export function syntheticEvent(n: number, runId: string): RouteEvent {
  const provider = PROVIDERS[n % 3] ?? 'openai';
  const team = TEAMS[n % 3 === 0 ? 0 : n % 2] ?? null;
  const base = sampleRouteEvent();
  const hour = String(n % 24).padStart(2, '0');
  return {
    ...base,
    type: 'route.completed',
    event_id: randomUUID(),
    request_id: `${runId}-${n}`,
    occurred_at: `2025-0${1 + (n % 3)}-1${n % 9}T${hour}:00:0${n % 10}.000Z`,
    caller: { key_id: `key-${n % 5}`, team },
    served: { target: `${provider}-main`, provider, upstream_model: `${provider}-model` },
    usage: { input_tokens: n % 100, output_tokens: n % 37, total_tokens: (n % 100) + (n % 37) },
    cost: { micro_usd: String(1000 + ((n * 7919) % 100_000)), currency: 'USD', priced_by: 'catalog' },
  } as RouteEvent;
}

/** Sums of synthetic events per provider, as `requests/cost` like `LedgerUnderTest.totals`. */
export function truthBy(
  events: readonly RouteEvent[],
  pick: (e: RouteEvent) => string,
): Record<string, string> {
  const sums = new Map<string, [number, bigint]>();
  for (const e of events) {
    const [n, c] = sums.get(pick(e)) ?? [0, 0n];
    sums.set(pick(e), [n + 1, c + BigInt(e.cost.micro_usd)]);
  }
  return Object.fromEntries(
    [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, [n, c]]) => [k, `${n}/${c}`]),
  );
}

export async function produce(
  kafka: BusClient,
  topic: string,
  messages: readonly BusMessage[],
): Promise<void> {
  const producer = createProducer(kafka);
  await producer.connect();
  for (let i = 0; i < messages.length; i += 2_000) await producer.send(topic, messages.slice(i, i + 2_000));
  await producer.disconnect();
}

export const asMessage = (e: RouteEvent): BusMessage => ({ key: e.request_id, value: encodeEvent(e) });

export async function eventually<T>(
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) return last;
    await sleep(250);
    last = await probe().catch(() => last);
  }
  return last;
}

/** Deletes and creates `topic` again (a new topic id, offsets from 0); deletion completes asynchronously. */
export async function recreateTopic(kafka: BusClient, topic: string): Promise<void> {
  const admin = kafkaAdmin(kafka);
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] });
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline) throw new Error(`${topic} was not deleted within 30 s`);
      await sleep(250);
    }
    for (;;) {
      try {
        if (await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await sleep(500);
    }
  } finally {
    await admin.disconnect();
  }
}
