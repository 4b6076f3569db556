import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { BusModule, createKafka, ensureTopics, startBatchConsumer, type BatchConsumer } from '@kt/bus';
import {
  decodeBudgetEvent,
  decodeBudgetState,
  topicConfigs,
  type BudgetEvent,
  type BudgetState,
} from '@kt/contracts';
import { createDataSource, DatabaseModule, DataSource } from '@kt/persistence';
import { bootstrapService, HealthModule } from '@kt/service';
import { LedgerAuthModule } from '../../apps/ledger/src/auth/ledger-auth.module.js';
import { BudgetsModule } from '../../apps/ledger/src/budgets/budgets.module.js';
import { LEDGER_MIGRATIONS } from '../../apps/ledger/src/ledger.module.js';
import { SPEND_APPLIED, SpendAppliedEmitter } from '../../apps/ledger/src/spend/spend-applied.js';
import { databaseUrl, kafkaBrokers } from '../setup/infra.js';
import { ledgerAuth, TEST_LEDGER_ADMIN_TOKEN, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';

/** A clock the test moves; null follows the real time. */
export class TestClock {
  at: number | null = null;
  now(): number {
    return this.at ?? Date.now();
  }
}

/** A fresh, empty database on the test Postgres, so each ledger run starts from nothing. */
export async function createDatabase(): Promise<string> {
  const name = `kt_budgets_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createDataSource({ url: databaseUrl() });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function ensureBudgetTopics(): Promise<void> {
  await ensureTopics(createKafka({ clientId: 'kt-budgets-test', brokers: kafkaBrokers() }), topicConfigs());
}

export interface SpendRow {
  readonly hour: Date;
  readonly team?: string;
  readonly provider?: string;
  readonly cost: bigint;
}

/** Adds spend the way the projector would: one row per hour and dimensions, summed on conflict. */
export async function addSpend(ds: DataSource, row: SpendRow): Promise<void> {
  await ds.query(
    `INSERT INTO spend_hourly
       (hour, provider, target, "group", model, team, key_id, requests, errors, input_tokens, output_tokens, cost_micro_usd)
     VALUES ($1, $2, '', '', '', $3, '', 1, 0, 0, 0, $4)
     ON CONFLICT (hour, provider, target, "group", model, team, key_id)
     DO UPDATE SET cost_micro_usd = spend_hourly.cost_micro_usd + EXCLUDED.cost_micro_usd`,
    [row.hour, row.provider ?? '', row.team ?? '', row.cost.toString()],
  );
}

export interface LedgerUnderTest {
  readonly url: string;
  readonly ds: DataSource;
  readonly spendApplied: SpendAppliedEmitter;
  close(): Promise<void>;
}

/** The budgets feature of the ledger, in-process, on its own database, answering HTTP on a free port. */
export async function startLedger(dbUrl: string, clock: TestClock): Promise<LedgerUnderTest> {
  const spendApplied = new SpendAppliedEmitter();
  @Global()
  @Module({ providers: [{ provide: SPEND_APPLIED, useValue: spendApplied }], exports: [SPEND_APPLIED] })
  class SpendBusModule {}
  @Module({
    imports: [
      HealthModule,
      // The ledger's own auth, as the shipped process has it.
      LedgerAuthModule.forRoot(TEST_LEDGER_TOKENS),
      BusModule.forRoot({ clientId: 'kt-ledger-budgets-test', brokers: kafkaBrokers() }),
      // The ledger's own migrations: the budgets tables and the projection's spend_hourly.
      DatabaseModule.forRoot({
        url: dbUrl,
        applicationName: 'kt-ledger-budgets-test',
        migrations: LEDGER_MIGRATIONS,
        migrationsRun: true,
      }),
      SpendBusModule,
      // Each run reads the topic in its own group: offsets live in its database, not in Kafka.
      BudgetsModule.forRoot({
        clock,
        settings: { recheckMs: 250, groupId: `kt-ledger-budgets-test-${randomUUID()}` },
      }),
    ],
  })
  class LedgerBudgetsUnderTest {}
  const app: INestApplication = await bootstrapService(LedgerBudgetsUnderTest, {
    name: 'ledger',
    port: 0,
    host: '127.0.0.1',
    env: process.env,
  });
  const address = app.getHttpServer().address() as { port: number };
  const ds = app.get(DataSource);
  return { url: `http://127.0.0.1:${address.port}`, ds, spendApplied, close: () => app.close() };
}

/** Everything on a topic from its start, decoded, for assertions that wait for what they expect. */
export class TopicLog<T> {
  private readonly records: { key: string; value: T | null }[] = [];
  private consumer: BatchConsumer | undefined;

  private constructor(private readonly decode: (value: Buffer | null) => T | null) {}

  static async start<T>(topic: string, decode: (value: Buffer | null) => T | null): Promise<TopicLog<T>> {
    const log = new TopicLog<T>(decode);
    log.consumer = await startBatchConsumer(
      createKafka({ clientId: 'kt-budgets-test', brokers: kafkaBrokers() }),
      {
        groupId: `kt-budgets-test-${randomUUID()}`,
        topics: [topic],
        fromBeginning: true,
        handleBatch: async ({ batch, resolveOffset }) => {
          for (const message of batch.messages) {
            log.records.push({ key: message.key?.toString() ?? '', value: log.decode(message.value) });
            resolveOffset(message.offset);
          }
        },
      },
    );
    return log;
  }

  byKey(key: string): (T | null)[] {
    return this.records.filter((r) => r.key === key).map((r) => r.value);
  }

  async waitFor<R>(probe: () => R | undefined, what: string, timeoutMs = 20_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  stop(): Promise<void> {
    return this.consumer?.stop() ?? Promise.resolve();
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function kt(ledgerUrl: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/kt.js', ...args],
      {
        cwd: root,
        env: { ...process.env, KT_LEDGER_URL: ledgerUrl, KT_LEDGER_TOKEN: TEST_LEDGER_ADMIN_TOKEN },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

export interface BudgetView {
  readonly budget_id: string;
  readonly scope: { readonly kind: string; readonly value: string | null };
  readonly period: string;
  readonly limit_micro_usd: string;
  readonly action: string;
  readonly thresholds_pct: number[];
  readonly name: string | null;
  readonly state: BudgetState | null;
}

export async function post(
  ledger: LedgerUnderTest,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${ledger.url}/v1/budgets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export async function list(ledger: LedgerUnderTest): Promise<BudgetView[]> {
  return (await (
    await fetch(`${ledger.url}/v1/budgets`, { headers: ledgerAuth('finance') })
  ).json()) as BudgetView[];
}

export const decodeEvent = (value: Buffer | null): BudgetEvent | null => {
  const decoded = decodeBudgetEvent(value);
  return decoded.ok ? decoded.value : null;
};
export const decodeState = (value: Buffer | null): BudgetState | null => {
  const decoded = decodeBudgetState(value);
  return decoded.ok ? decoded.value : null;
};
export const facts = (events: (BudgetEvent | null)[]): string[] =>
  events.flatMap((e) =>
    e === null || ['budget.defined', 'budget.updated', 'budget.deleted'].includes(e.type)
      ? []
      : [e.type === 'budget.threshold_crossed' ? `crossed ${e.threshold_pct}` : e.type],
  );
export const thisHour = (): Date => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
