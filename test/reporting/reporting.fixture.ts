/**
 * A real ledger + reporting pair on a fresh database and its own topics, for reporting's tests and
 * for the audit, CLI and dashboard suites:
 *
 *   const stack = await startReportingStack({ events });   // publishes `events` and waits until applied
 *   await stack.get('/v1/spend?by=team');                   // finance token by default
 *   await stack.stop();
 *
 * `reportingUrl`, `ledgerUrl`; `databaseUrl` (reporting's read-only login) and `adminDatabaseUrl`
 * (the ledger's owner, for tampering); `topic` (route events) and `deadLetterTopic`;
 * `financeToken`, `adminToken`, `tokens` (the REPORTING_TOKENS given); `publish(events)`;
 * `waitApplied(n)` (until `ledger_entries` holds n rows); `reportingPid`, `reportingLogs()`,
 * `ledgerLogs()`; `get(path, token?)`; `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RouteEvent } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { ensureReportingLogin } from '../../apps/cli/src/up/reporting-login.js';
import { kafkaBrokers } from '../setup/infra.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  LedgerUnderTest,
  produce,
  sql,
  testKafka,
} from '../ledger/ledger.fixture.js';
import { testPackKeys } from '../support/pack.keys.js';

export const FINANCE_TOKEN = 'kt-test-finance-token-3f9a';
export const ADMIN_TOKEN = 'kt-test-admin-token-8c1d';
export const DEFAULT_TOKENS = `finance:finance-team:${FINANCE_TOKEN},admin:ops:${ADMIN_TOKEN}`;
/** Password of the shared `kt_reporting` test login (roles are cluster-wide, so every stack uses the same). */
const LOGIN_PASSWORD = 'kt-reporting-test-password';

/** `adminUrl` rewritten to log in as `kt_reporting`, reporting's read-only login (as in production). */
export function readOnlyLogin(adminUrl: string): Promise<string> {
  return ensureReportingLogin(adminUrl, LOGIN_PASSWORD);
}

export interface ReportingStackOptions {
  /** The route-event topic to book (default: a fresh one); a gateway under test publishes to `ROUTE_EVENTS_TOPIC`. */
  readonly topic?: string;
  /** Route events published (and waited for) before the stack is returned. */
  readonly events?: readonly RouteEvent[];
  /** REPORTING_TOKENS; defaults to a finance token and an admin token (`FINANCE_TOKEN`, `ADMIN_TOKEN`). */
  readonly tokens?: string;
  /** Extra environment for the reporting process (e.g. `REPORTING_RATE_LIMIT`). */
  readonly reportingEnv?: NodeJS.ProcessEnv;
  /** Give reporting the ledger's own (writable) URL: for testing that it refuses to become ready. */
  readonly writableDatabase?: boolean;
  /** Wait for reporting's /readyz (default) or only /healthz. */
  readonly waitFor?: 'readyz' | 'healthz';
  /** What `node` runs to start reporting (default `bin/kt-service.js reporting`), e.g. a build's entry. */
  readonly reportingCommand?: readonly string[];
}

export interface ReportingStack {
  readonly reportingUrl: string;
  readonly ledgerUrl: string;
  readonly databaseUrl: string;
  readonly adminDatabaseUrl: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly financeToken: string;
  readonly adminToken: string;
  readonly tokens: string;
  readonly reportingPid: number;
  reportingLogs(): string;
  ledgerLogs(): string;
  publish(events: readonly RouteEvent[]): Promise<void>;
  waitApplied(count: number, timeoutMs?: number): Promise<void>;
  get(path: string, token?: string | null): Promise<Response>;
  stop(): Promise<void>;
}

export async function startReportingStack(options: ReportingStackOptions = {}): Promise<ReportingStack> {
  const run = randomUUID().slice(0, 8);
  const topic = options.topic ?? `kt-test-reporting-${run}.route-events`;
  const deadLetterTopic = `kt-test-reporting-${run}.dead-letter`;
  const kafka = testKafka();
  const db = await createDatabase('kt_reporting');
  await createTopics(kafka, [topic, deadLetterTopic]);
  const ledger = await LedgerUnderTest.start({
    databaseUrl: db.url,
    topic,
    deadLetterTopic,
    group: `kt-ledger-${run}`,
  });
  const databaseUrl = await readOnlyLogin(db.url);
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const port = await listenPort();
  const reporting = ReportingProcess.start(options.reportingCommand ?? ['bin/kt-service.js', 'reporting'], {
    PATH: process.env.PATH,
    REPORTING_PORT: String(port),
    KAFKA_BROKERS: kafkaBrokers(),
    DATABASE_URL: options.writableDatabase === true ? db.url : databaseUrl,
    REPORTING_TOKENS: tokens,
    REPORTING_ROUTE_TOPIC: topic,
    KT_PACK_SIGNING_KEY_FILE: testPackKeys().signingKeyFile,
    ...options.reportingEnv,
  });
  const reportingUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await reporting.stop();
    await ledger.stop();
    await db.drop();
  };
  try {
    await reporting.waitFor(`${reportingUrl}/${options.waitFor ?? 'readyz'}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const waitApplied = async (count: number, timeoutMs = 60_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await sql<{ n: string }>(db.url, 'SELECT count(*)::text AS n FROM ledger_entries');
      if (Number(row?.n ?? 0) >= count) return;
      if (Date.now() > deadline)
        throw new Error(`ledger applied ${row?.n ?? 0} of ${count} events:\n${ledger.logs.join('')}`);
      await sleep(200);
    }
  };
  const stack: ReportingStack = {
    reportingUrl,
    ledgerUrl: ledger.url,
    databaseUrl,
    adminDatabaseUrl: db.url,
    topic,
    deadLetterTopic,
    financeToken: FINANCE_TOKEN,
    adminToken: ADMIN_TOKEN,
    tokens,
    reportingPid: reporting.pid,
    reportingLogs: () => reporting.logs.join(''),
    ledgerLogs: () => ledger.logs.join(''),
    publish: (events) => produce(kafka, topic, events.map(asMessage)),
    waitApplied,
    get: (path, token = FINANCE_TOKEN) =>
      fetch(
        `${reportingUrl}${path}`,
        token === null ? {} : { headers: { authorization: `Bearer ${token}` } },
      ),
    stop,
  };
  if (options.events !== undefined && options.events.length > 0) {
    try {
      await stack.publish(options.events);
      await waitApplied(options.events.length);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return stack;
}

/** Reporting as a child process (`bin/kt-service.js reporting` by default), its pid exposed so tests can watch its memory. */
class ReportingProcess {
  readonly logs: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (b: Buffer) => this.logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => this.logs.push(b.toString()));
  }

  static start(command: readonly string[], env: NodeJS.ProcessEnv): ReportingProcess {
    return new ReportingProcess(spawn(process.execPath, command, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  async waitFor(url: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`reporting exited:\n${this.logs.join('')}`);
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`reporting not ready at ${url}:\n${this.logs.join('')}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Peak and current resident memory of a process, in bytes (Linux `/proc/<pid>/status`). */
export async function residentMemory(pid: number): Promise<{ readonly rss: number; readonly peak: number }> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
