import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenPort } from '../support/listen.port.js';
import { GATEWAY_KEY, type GatewayUnderTest } from './gateway.fixture.js';
import { ledgerAuth, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';

/** The shipped ledger (`bin/kt-service.js ledger`) as a child process. */
export interface LedgerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: string[];
}

/** One row of `GET /v1/ledger/totals?by=…`. */
export interface TotalsRow {
  readonly value: string;
  readonly requests: string;
  readonly cost_micro_usd: string;
}

/** Polls `check` every 200 ms until it holds; on timeout the error carries the tail of `logs`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logs: string[] = [],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting until ${what}\n${logs.join('').slice(-3000)}`);
    await sleep(200);
  }
}

/** Starts the ledger on its own database and the given broker, and waits until it is ready. */
export async function startLedger(
  brokers: string,
  databaseUrl: string,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<LedgerProcess> {
  const port = await listenPort();
  const child = spawn(process.execPath, ['bin/kt-service.js', 'ledger'], {
    env: {
      PATH: process.env.PATH,
      LEDGER_PORT: String(port),
      KAFKA_BROKERS: brokers,
      DATABASE_URL: databaseUrl,
      KT_LEDGER_BUDGET_RECHECK_MS: '500',
      LEDGER_TOKENS: TEST_LEDGER_TOKENS,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stdout?.on('data', (b: Buffer) => logs.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  await until(
    'the ledger is ready',
    () =>
      fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
    logs,
  );
  return { url, child, logs };
}

export async function stopLedger(ledger: LedgerProcess | undefined): Promise<void> {
  if (!ledger || ledger.child.exitCode !== null) return;
  const exited = once(ledger.child, 'exit');
  ledger.child.kill('SIGTERM');
  await exited;
}

/** The ledger's totals by `dimension`, as value → { requests, cost }. */
export async function ledgerTotals(
  ledger: LedgerProcess,
  dimension = 'provider',
): Promise<Map<string, { requests: bigint; cost: bigint }>> {
  const answer = await fetch(`${ledger.url}/v1/ledger/totals?by=${dimension}`, {
    headers: ledgerAuth('finance'),
  });
  const { rows } = (await answer.json()) as { rows: TotalsRow[] };
  return new Map(
    rows.map((row) => [row.value, { requests: BigInt(row.requests), cost: BigInt(row.cost_micro_usd) }]),
  );
}

/** Creates a budget through the ledger's API; fails the test unless it answers 201. */
export async function createBudget(
  ledger: LedgerProcess,
  body: Readonly<Record<string, unknown>>,
): Promise<void> {
  const created = await fetch(`${ledger.url}/v1/budgets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
    body: JSON.stringify(body),
  });
  if (created.status !== 201) throw new Error(`creating a budget: ${created.status} ${await created.text()}`);
}

/** The budget status `GET /v1/targets` shows for one target (`none` until a budget covers it). */
export async function targetBudgetStatus(gateway: GatewayUnderTest, targetId: string): Promise<string> {
  const answer = await fetch(`${gateway.url}/v1/targets`, {
    headers: { authorization: `Bearer ${GATEWAY_KEY}` },
  });
  const body = (await answer.json()) as { targets: { id: string; budget: string }[] };
  return body.targets.find((t) => t.id === targetId)?.budget ?? 'missing';
}
