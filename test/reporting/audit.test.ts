import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusClient } from '@kt/bus';
import { encodeEvent, type RouteEvent } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { hourStart } from '@kt/spend';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  LedgerUnderTest,
  produce,
  sql,
  testKafka,
} from '../ledger/ledger.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { readOnlyLogin } from './reporting.fixture.js';
import { ServiceProcess } from '../support/service.process.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = `audit-admin-${randomUUID()}`;
const FINANCE = `audit-finance-${randomUUID()}`;
const PROVIDERS = ['openai', 'azure', 'anthropic'] as const;
const HOUR = 3_600_000;

interface Differences {
  readonly kind: string;
  readonly event_id?: string;
  readonly dimension?: Record<string, string>;
  readonly column: string;
  readonly replayed: string | null;
  readonly live: string | null;
}
interface Audit {
  readonly id: string;
  readonly status: string;
  readonly phase: string;
  readonly equal: boolean;
  readonly events: number;
  readonly ledger_behind: number;
  readonly progress: { read: number; total: number };
  readonly replayed: Record<string, string>;
  readonly live: Record<string, string>;
  readonly by_provider: readonly {
    provider: string;
    replayed: Record<string, string>;
    live: Record<string, string>;
  }[];
  readonly differences: readonly Differences[];
  readonly difference_count: number;
}

/** An event of `provider` occurred at `at`; tokens and cost vary with `n` so sums are checkable. */
function event(n: number, at: number): RouteEvent {
  const provider = PROVIDERS[n % 3] ?? 'openai';
  return sampleRouteEvent({
    event_id: randomUUID(),
    request_id: `audit-${n}`,
    occurred_at: new Date(at).toISOString(),
    caller: { key_id: `key-${n % 2}`, team: n % 2 === 0 ? 'finance' : 'search' },
    served: { target: `${provider}-main`, provider, upstream_model: `${provider}-model` },
    usage: { input_tokens: 10 + n, output_tokens: n, total_tokens: 10 + 2 * n },
    cost: { micro_usd: String(1_000 + 37 * n), currency: 'USD', priced_by: 'catalog' },
  });
}

describe('audit replay (POST /v1/audits, kt events replay)', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `kt.route-events.audit-${run}`;
  const group = `kt-ledger-audit-${run}`;
  let db: { url: string; drop(): Promise<void> };
  let kafka: BusClient;
  let ledger: LedgerUnderTest | undefined;
  let reporting: ServiceProcess | undefined;
  // The range is the previous hour and the current one: two whole hours of `spend_hourly`.
  const since = Date.parse(hourStart(new Date().toISOString())) - HOUR;
  const until = since + 2 * HOUR;
  const inRange = Array.from({ length: 24 }, (_, n) => event(n, since + n * 290_000 + n));
  const outside = [event(100, since - 3 * HOUR), event(101, until + 60_000)];

  beforeAll(async () => {
    db = await createDatabase('kt_audit');
    kafka = testKafka();
    await createTopics(kafka, [topic, `${topic}.dlt`]);
    ledger = await LedgerUnderTest.start({
      databaseUrl: db.url,
      topic,
      deadLetterTopic: `${topic}.dlt`,
      group,
    });
    const port = await listenPort();
    reporting = await ServiceProcess.start('reporting', port, {
      PATH: process.env.PATH,
      REPORTING_PORT: String(port),
      KAFKA_BROKERS: kafkaBrokers(),
      DATABASE_URL: await readOnlyLogin(db.url),
      REPORTING_TOKENS: `finance:fin:${FINANCE},admin:ops:${ADMIN}`,
      REPORTING_ROUTE_TOPIC: topic,
      REPORTING_AUDIT_LEDGER_GROUP: group,
      REPORTING_AUDIT_LEDGER_WAIT_MS: '20000',
    });
    await produce(kafka, topic, [...inRange, ...outside, inRange[0] as RouteEvent].map(asMessage));
    const applied = await eventually(
      () => sql<{ n: string }>(db.url, 'SELECT count(*)::text AS n FROM ledger_entries'),
      (rows) => rows[0]?.n === String(inRange.length + outside.length),
      60_000,
    );
    expect(applied[0]?.n).toBe(String(inRange.length + outside.length));
  }, 180_000);

  afterAll(async () => {
    await reporting?.stop();
    await ledger?.stop();
    await db?.drop();
  }, 60_000);

  const call = (method: string, path: string, token?: string, body?: unknown): Promise<Response> =>
    fetch(`${reporting?.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function audit(): Promise<Audit> {
    const range = { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
    const started = await call('POST', '/v1/audits', ADMIN, range);
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as Audit;
    const done = await eventually(
      async () => (await (await call('GET', `/v1/audits/${id}`, ADMIN)).json()) as Audit,
      (a) => a.status !== 'running',
      60_000,
    );
    expect(done.status).toBe('done');
    return done;
  }

  function kt(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env = { ...process.env, KT_REPORTING_URL: reporting?.url ?? '', KT_TOKEN: ADMIN };
    return new Promise((resolve) => {
      execFile('node', ['bin/kt.js', ...args], { cwd: root, env, timeout: 90_000 }, (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        }),
      );
    });
  }
  const rangeFlags = (): string[] => [
    '--since',
    new Date(since).toISOString(),
    '--until',
    new Date(until).toISOString(),
  ];

  it('answers 401 without a token, 403 to a finance token and 400 naming a bad field', async () => {
    expect((await call('POST', '/v1/audits', undefined, { since: '1h' })).status).toBe(401);
    const finance = await call('POST', '/v1/audits', FINANCE, { since: '1h' });
    expect(finance.status).toBe(403);
    expect(((await finance.json()) as { error: { code: string } }).error.code).toBe('admin_required');
    const bad = await call('POST', '/v1/audits', ADMIN, { since: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_parameter', param: 'since' } });
    expect((await call('GET', `/v1/audits/${randomUUID()}`, ADMIN)).status).toBe(404);
    const docs = (await (await call('GET', '/docs-json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/v1/audits', '/v1/audits/{id}']));
  });

  it('a replay of the range equals the live ledger, totals exact to the micro-dollar', async () => {
    const a = await audit();
    const cost = inRange.reduce((sum, e) => sum + BigInt(e.cost.micro_usd), 0n);
    const input = inRange.reduce((sum, e) => sum + e.usage.input_tokens, 0);
    expect(a).toMatchObject({ equal: true, events: inRange.length, ledger_behind: 0, difference_count: 0 });
    expect(a.progress.read).toBe(a.progress.total);
    expect(a.progress.read).toBeGreaterThanOrEqual(inRange.length + outside.length + 1);
    for (const side of [a.replayed, a.live]) {
      expect(side).toMatchObject({
        requests: String(inRange.length),
        errors: '0',
        input_tokens: String(input),
        cost_micro_usd: cost.toString(),
      });
    }
    expect(a.by_provider.map((p) => [p.provider, p.live.requests, p.replayed.requests])).toEqual([
      ['anthropic', '8', '8'],
      ['azure', '8', '8'],
      ['openai', '8', '8'],
    ]);
  });

  it('kt events replay prints the side-by-side report and exits 0 when equal', async () => {
    const out = await kt('events', 'replay', ...rangeFlags(), '--progress');
    expect(out.stderr + out.stdout).not.toContain(ADMIN);
    expect(out.stderr).toMatch(/replay \[.*\] 100% \| \d+\/\d+ records/);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^requests\s+24\s+24$/m);
    expect(out.stdout).toContain(`equal: ${inRange.length} events replayed match the ledger`);
  }, 120_000);

  it('does not report traffic produced while the audit runs as extra in the ledger', async () => {
    // The ledger is down when the audit starts, so the audit waits for it; meanwhile one more event
    // arrives past the watermarks. Both records share a key (one partition), so the restarted ledger
    // applies them in one transaction: its snapshot holds an event the first replay did not read.
    const opts = { databaseUrl: db.url, topic, deadLetterTopic: `${topic}.dlt`, group };
    await ledger?.stop();
    const before = event(60, since + 45 * 60_000);
    const during = event(61, since + 46 * 60_000);
    const keyed = (e: RouteEvent) => ({ key: 'in-flight', value: encodeEvent(e) });
    await produce(kafka, topic, [keyed(before)]);
    const range = { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
    const { id } = (await (await call('POST', '/v1/audits', ADMIN, range)).json()) as Audit;
    const get = async (): Promise<Audit> =>
      (await (await call('GET', `/v1/audits/${id}`, ADMIN)).json()) as Audit;
    expect((await eventually(get, (a) => a.phase !== 'replaying', 30_000)).phase).toBe('waiting_for_ledger');
    await produce(kafka, topic, [keyed(during)]);
    ledger = await LedgerUnderTest.start(opts);
    const a = await eventually(get, (x) => x.status !== 'running', 60_000);
    inRange.push(before, during);
    expect(a).toMatchObject({ status: 'done', equal: true, difference_count: 0, ledger_behind: 0 });
    expect(a.live.requests).toBe(String(inRange.length));
    expect(a.replayed.requests).toBe(String(inRange.length));
  }, 120_000);

  it('after tampering with one entry and one hourly row, reports exactly those and kt exits 1', async () => {
    const victim = inRange[5] as RouteEvent;
    await sql(db.url, 'UPDATE ledger_entries SET cost_micro_usd = cost_micro_usd + 7 WHERE event_id = $1', [
      victim.event_id,
    ]);
    const [row] = await sql<Record<string, string>>(
      db.url,
      `UPDATE spend_hourly SET requests = requests + 1
        WHERE ctid = (SELECT ctid FROM spend_hourly WHERE hour = $1 AND provider = 'azure' LIMIT 1)
        RETURNING to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS hour, provider, target,
                  "group", model, team, key_id, requests::text`,
      [new Date(since + HOUR).toISOString()],
    );
    expect(row).toBeDefined();
    const a = await audit();
    expect(a.equal).toBe(false);
    expect(a.differences).toEqual([
      {
        kind: 'value',
        event_id: victim.event_id,
        column: 'cost_micro_usd',
        replayed: victim.cost.micro_usd,
        live: String(BigInt(victim.cost.micro_usd) + 7n),
      },
      {
        kind: 'value',
        dimension: {
          hour: row?.hour,
          provider: 'azure',
          target: row?.target,
          group: row?.group,
          model: row?.model,
          team: row?.team,
          key_id: row?.key_id,
        },
        column: 'requests',
        replayed: String(Number(row?.requests) - 1),
        live: row?.requests,
      },
    ]);
    expect(BigInt(a.live.cost_micro_usd) - BigInt(a.replayed.cost_micro_usd)).toBe(7n);

    const out = await kt('events', 'replay', ...rangeFlags(), '--json');
    expect(out.code, out.stderr).toBe(1);
    const printed = JSON.parse(out.stdout) as Audit;
    expect(printed.difference_count).toBe(2);
    expect(printed.differences).toEqual(a.differences);
  }, 120_000);

  it('says how far a stopped ledger is behind and lists what it has not applied as missing', async () => {
    await ledger?.stop();
    const late = event(50, since + 30 * 60_000);
    await produce(kafka, topic, [asMessage(late)]);
    const a = await audit();
    expect(a.ledger_behind).toBe(1);
    expect(a.differences.filter((d) => d.kind === 'missing_in_ledger')).toEqual([
      {
        kind: 'missing_in_ledger',
        event_id: late.event_id,
        column: 'event_id',
        replayed: late.event_id,
        live: null,
      },
    ]);
    expect(BigInt(a.replayed.requests) - BigInt(a.live.requests)).toBe(1n);
  }, 90_000);

  it.each([
    ['an unreadable --since', ['--since', 'yesterday'], /since: expected a duration like 30d/],
    ['an empty range', ['--since', '1h', '--until', '2h'], /until: must be after since/],
    ['no --since at all', [], /required option '--since <when>'/],
  ])('kt events replay exits 2 on %s', async (_name, flags, message) => {
    const out = await kt('events', 'replay', ...flags);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
