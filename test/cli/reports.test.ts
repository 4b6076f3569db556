import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import { startReportingStack, type ReportingStack } from '../reporting/reporting.fixture.js';
import { kt, RunningKt } from './cli.fixture.js';

const PROVIDERS = ['openai', 'azure', 'anthropic'] as const;
const MINUTE = 60_000;
const run = randomUUID().slice(0, 8);

/** Known composition: provider, tokens and cost vary with n so every sum is checkable. */
function event(n: number, at: number): RouteEvent {
  const provider = PROVIDERS[n % 3] ?? 'openai';
  return sampleRouteEvent({
    event_id: randomUUID(),
    request_id: `cli-${run}-${n}`,
    occurred_at: new Date(at).toISOString(),
    caller: { key_id: `key-${n % 2}`, team: n % 2 === 0 ? 'finance' : 'search' },
    served: { target: `${provider}-main`, provider, upstream_model: `${provider}-model` },
    usage: { input_tokens: 100 + n, output_tokens: 2 * n, total_tokens: 100 + 3 * n },
    cost: { micro_usd: String(1_000_003 * (n + 1)), currency: 'USD', priced_by: 'catalog' },
  });
}

interface Counters {
  requests: bigint;
  input: bigint;
  output: bigint;
  cost: bigint;
}

function truth(events: readonly RouteEvent[]): Map<string, Counters> {
  const sums = new Map<string, Counters>();
  for (const e of events) {
    const provider = e.served?.provider ?? '';
    const s = sums.get(provider) ?? { requests: 0n, input: 0n, output: 0n, cost: 0n };
    s.requests += 1n;
    s.input += BigInt(e.usage.input_tokens);
    s.output += BigInt(e.usage.output_tokens);
    s.cost += BigInt(e.cost.micro_usd);
    sums.set(provider, s);
  }
  return sums;
}

const usd = (micro: bigint): string => `${micro / 1_000_000n}.${String(micro % 1_000_000n).padStart(6, '0')}`;

describe('kt spend report, kt events export | tail against a real reporting stack', () => {
  const now = Date.now();
  // 30 events over the last 10 hours, all inside --since 30d; one 40 days old stays outside.
  const recent = Array.from({ length: 30 }, (_, n) => event(n, now - 600 * MINUTE + n * 17 * MINUTE));
  const old = event(99, now - 40 * 24 * 60 * MINUTE);
  const dir = mkdtempSync(join(tmpdir(), 'kt-cli-reports-'));
  let stack: ReportingStack;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startReportingStack({ events: [...recent, old] });
    env = { KT_REPORTING_URL: stack.reportingUrl, KT_TOKEN: stack.financeToken };
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('kt spend report --by provider --since 30d --json equals the known truth exactly', async () => {
    const report = await kt(env, ['spend', 'report', '--by', 'provider', '--since', '30d', '--json']);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const answer = JSON.parse(report.stdout) as {
      rows: {
        key: string;
        requests: string;
        input_tokens: string;
        output_tokens: string;
        cost_micro_usd: string;
      }[];
      totals: { requests: string; cost_micro_usd: string };
    };
    const sums = new Map<string, Counters>();
    for (const row of answer.rows) {
      const s = sums.get(row.key) ?? { requests: 0n, input: 0n, output: 0n, cost: 0n };
      s.requests += BigInt(row.requests);
      s.input += BigInt(row.input_tokens);
      s.output += BigInt(row.output_tokens);
      s.cost += BigInt(row.cost_micro_usd);
      sums.set(row.key, s);
    }
    expect(sums).toEqual(truth(recent));
    const total = recent.reduce((sum, e) => sum + BigInt(e.cost.micro_usd), 0n);
    expect(answer.totals).toMatchObject({
      requests: String(recent.length),
      cost_micro_usd: total.toString(),
    });
  });

  it('kt spend report --by provider --since 30d prints one exact line per provider and a total', async () => {
    const report = await kt(env, ['spend', 'report', '--by', 'provider', '--since', '30d']);
    expect(report.code).toBe(0);
    const lines = report.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^PROVIDER\s+REQUESTS\s+ERRORS\s+INPUT_TOKENS\s+OUTPUT_TOKENS\s+COST_USD$/);
    const rows = Object.fromEntries(
      lines.slice(2).map((line) => [line.split(/\s+/)[0], line.split(/\s+/).slice(1)]),
    );
    for (const [provider, s] of truth(recent)) {
      expect(rows[provider]).toEqual([
        String(s.requests),
        '0',
        String(s.input),
        String(s.output),
        usd(s.cost),
      ]);
    }
    const total = recent.reduce((sum, e) => sum + BigInt(e.cost.micro_usd), 0n);
    expect(rows.TOTAL?.[0]).toBe(String(recent.length));
    expect(rows.TOTAL?.[4]).toBe(usd(total));
  });

  it('kt events export --since 30d --format csv --output provider-mix.csv writes a CSV matching /v1/events', async () => {
    const file = join(dir, 'provider-mix.csv');
    const exported = await kt(env, [
      'events',
      'export',
      '--since',
      '30d',
      '--format',
      'csv',
      '--output',
      file,
      '--progress',
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`exported ${recent.length} events to ${file}`);
    expect(exported.stderr).toMatch(/export \[.*\] 100% \| 30\/30 rows/);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(recent.length);
    const listed: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await stack.get(
          `/v1/events?since=30d&limit=7${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        )
      ).json()) as {
        events: { event_id: string; cost: { micro_usd: string }; served: { provider: string } }[];
        next_cursor: string | null;
      };
      listed.push(...page.events);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const fromApi = new Map(
      (listed as { event_id: string; cost: { micro_usd: string }; served: { provider: string } }[]).map(
        (e) => [e.event_id, [e.served.provider, e.cost.micro_usd]],
      ),
    );
    expect(new Map(rows.map((r) => [r.event_id, [r.provider, r.cost_micro_usd]]))).toEqual(fromApi);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it.each([
    [
      'ndjson',
      (text: string) =>
        text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as unknown),
    ],
    ['json', (text: string) => JSON.parse(text) as unknown[]],
  ])('exports --format %s to stdout with --output -', async (format, read) => {
    const exported = await kt(env, [
      'events',
      'export',
      '--since',
      '30d',
      '--format',
      format,
      '--output',
      '-',
    ]);
    expect(exported.code).toBe(0);
    expect(read(exported.stdout)).toHaveLength(recent.length);
    expect(exported.stderr).toBe(`exported ${recent.length} events\n`);
  });

  it('leaves no file behind when reporting refuses the export', async () => {
    const file = join(dir, 'refused.csv');
    const refused = await kt({ ...env, KT_TOKEN: 'not-a-token' }, ['events', 'export', '--output', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the reporting token is missing or unknown (invalid_token');
    expect(refused.stderr).not.toContain('not-a-token');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.refused'))).toEqual([]);
  });

  it('kt events tail --no-follow --json prints the window as NDJSON, oldest first', async () => {
    const tail = await kt(env, [
      'events',
      'tail',
      '--since',
      '30d',
      '--no-follow',
      '--json',
      '--provider',
      'azure',
    ]);
    expect(tail.code).toBe(0);
    const ids = tail.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as RouteEvent).request_id);
    expect(ids).toEqual(recent.filter((e) => e.served?.provider === 'azure').map((e) => e.request_id));
  });

  it('kt events tail follows new events as they arrive and exits 0 on Ctrl-C', async () => {
    const tail = RunningKt.start(env, ['events', 'tail', '--since', '15m', '--poll', '0.5']);
    try {
      const fresh = event(200, Date.now());
      await stack.publish([fresh]);
      await tail.waitForOutput(fresh.request_id);
      const line = tail.stdout.split('\n').find((l) => l.includes(fresh.request_id)) ?? '';
      expect(line).toMatch(
        new RegExp(
          `^\\S+Z  completed  200  ${fresh.served?.provider}/${fresh.served?.target}  .*  \\$${usd(BigInt(fresh.cost.micro_usd)).replace('.', '\\.')}  ${fresh.request_id}$`,
        ),
      );
    } finally {
      expect(await tail.stop('SIGINT')).toBe(0);
    }
  });

  it.each([
    [['spend', 'report', '--since', 'yesterday']],
    [['events', 'export', '--since', 'yesterday']],
    [['events', 'tail', '--since', 'yesterday', '--no-follow']],
  ])('%j exits 2 naming --since', async (args) => {
    const bad = await kt(env, args);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "error: --since: expected a duration like 30d or an RFC 3339 time, got 'yesterday'\n",
    );
  });
});
