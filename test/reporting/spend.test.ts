import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { dimensionsOf, knownTraffic } from './known-traffic.fixture.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

// 500 events every 37 minutes from 2026-10-27: about 13 days, across the October/November month end.
const START = new Date('2026-10-27T00:10:00.000Z');
// Some served requests had no price (booked at 0) and some were estimated, so every report must carry
// them as their own figures; the known traffic's rejections (no provider) must come out labelled.
const events = knownTraffic(500, START, 37, 'spend').map((e, n): RouteEvent => {
  if (e.type !== 'route.completed') return e;
  if (n % 11 === 5) return { ...e, cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' } };
  if (n % 19 === 3) return { ...e, cost: { ...e.cost, priced_by: 'estimate' } };
  return e;
});
const SINCE = '2026-10-27T00:00:00Z';
const UNTIL = '2026-11-10T00:00:00Z';
let stack: ReportingStack;

type Dimension = 'provider' | 'target' | 'group' | 'model' | 'team' | 'key';
type Interval = 'hour' | 'day' | 'month';

interface CounterView {
  requests: string;
  errors: string;
  input_tokens: string;
  output_tokens: string;
  cost_micro_usd: string;
  unpriced_requests: string;
  unpriced_tokens: string;
  estimated_requests: string;
}
interface SpendBody {
  since: string;
  until: string;
  by: string;
  interval: string;
  rows: (CounterView & { bucket: string; key: string; rejected: boolean })[];
  totals: CounterView;
}

beforeAll(async () => {
  stack = await startReportingStack({ events });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

function bucketOf(at: string, interval: Interval): string {
  const d = new Date(at);
  const parts = [d.getUTCFullYear(), d.getUTCMonth(), interval === 'month' ? 1 : d.getUTCDate()];
  return new Date(
    Date.UTC(parts[0]!, parts[1]!, parts[2]!, interval === 'hour' ? d.getUTCHours() : 0),
  ).toISOString();
}

function counters(list: readonly RouteEvent[]): CounterView {
  const sum = (pick: (e: RouteEvent) => bigint): string => list.reduce((s, e) => s + pick(e), 0n).toString();
  return {
    requests: String(list.length),
    errors: String(list.filter((e) => e.type !== 'route.completed').length),
    input_tokens: sum((e) => BigInt(e.usage.input_tokens)),
    output_tokens: sum((e) => BigInt(e.usage.output_tokens)),
    cost_micro_usd: sum((e) => BigInt(e.cost.micro_usd)),
    unpriced_requests: String(list.filter(unpriced).length),
    unpriced_tokens: sum((e) => (unpriced(e) ? BigInt(e.usage.input_tokens + e.usage.output_tokens) : 0n)),
    estimated_requests: String(list.filter((e) => e.cost.priced_by === 'estimate').length),
  };
}

/** Tokens used that no price covered (a rejection is stamped unpriced too, but used none). */
const unpriced = (e: RouteEvent): boolean =>
  e.cost.priced_by === 'unpriced' && e.usage.input_tokens + e.usage.output_tokens > 0;

/** The report computed from the events themselves, rows sorted by bucket then key. */
function truth(
  by: Dimension,
  interval: Interval,
  list: readonly RouteEvent[],
): Pick<SpendBody, 'rows' | 'totals'> {
  const groups = new Map<string, RouteEvent[]>();
  for (const e of list) {
    const id = JSON.stringify([bucketOf(e.occurred_at, interval), dimensionsOf(e)[by]]);
    groups.set(id, [...(groups.get(id) ?? []), e]);
  }
  const rows = [...groups].map(([id, group]) => {
    const [bucket, key] = JSON.parse(id) as [string, string];
    // Only a provider/target row with no key holds exactly the rejected requests.
    const rejected =
      (by === 'provider' || by === 'target') && key === '' && group.every((e) => e.type === 'route.rejected');
    return { bucket, key, ...counters(group), rejected };
  });
  return { rows: sortRows(rows), totals: counters(list) };
}

const sortRows = <T extends { bucket: string; key: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (a.bucket === b.bucket ? (a.key < b.key ? -1 : 1) : a.bucket < b.bucket ? -1 : 1));

async function spend(query: string): Promise<SpendBody> {
  const res = await stack.get(`/v1/spend?since=${SINCE}&until=${UNTIL}&${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SpendBody;
}

describe('GET /v1/spend after traffic of known composition', () => {
  const cases: [Dimension, Interval][] = (
    ['provider', 'target', 'group', 'model', 'team', 'key'] as const
  ).flatMap((by) =>
    (['hour', 'day', 'month'] as const).map((interval): [Dimension, Interval] => [by, interval]),
  );

  it.each(cases)('by %s per %s equals the events exactly', async (by, interval) => {
    const body = await spend(`by=${by}&interval=${interval}`);
    expect([body.by, body.interval, body.since, body.until]).toEqual([
      by,
      interval,
      '2026-10-27T00:00:00.000Z',
      '2026-11-10T00:00:00.000Z',
    ]);
    const want = truth(by, interval, events);
    expect(sortRows(body.rows)).toEqual(want.rows);
    expect(body.totals).toEqual(want.totals);
  });

  it('carries unpriced, estimated and rejected traffic as their own figures', async () => {
    const body = await spend('by=provider&interval=month');
    expect(BigInt(body.totals.unpriced_requests)).toBeGreaterThan(10n);
    expect(BigInt(body.totals.unpriced_tokens)).toBeGreaterThan(100n);
    expect(BigInt(body.totals.estimated_requests)).toBeGreaterThan(5n);
    const rejected = body.rows.filter((row) => row.rejected);
    expect(rejected.map((row) => row.key)).toEqual(['', '']);
    expect(rejected.reduce((n, row) => n + Number(row.requests), 0)).toBe(
      events.filter((e) => e.type === 'route.rejected').length,
    );
  });

  it('splits October and November into two monthly buckets', async () => {
    const body = await spend('by=provider&interval=month');
    expect([...new Set(body.rows.map((r) => r.bucket))]).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ]);
  });

  it.each([
    ['provider=openai', (e: RouteEvent) => dimensionsOf(e).provider === 'openai'],
    [
      'team=finance&key=key-1',
      (e: RouteEvent) => dimensionsOf(e).team === 'finance' && dimensionsOf(e).key === 'key-1',
    ],
    ['group=', (e: RouteEvent) => dimensionsOf(e).group === ''],
  ])('applies the filter %s', async (filter, keep) => {
    const body = await spend(`by=team&interval=day&${filter}`);
    const want = truth('team', 'day', events.filter(keep));
    expect(sortRows(body.rows)).toEqual(want.rows);
    expect(body.totals).toEqual(want.totals);
  });

  it('widens since and until to whole hours, counting every event of those hours', async () => {
    const res = await stack.get(
      '/v1/spend?since=2026-10-27T00:59:59Z&until=2026-10-27T02:00:01Z&by=provider&interval=hour',
    );
    const body = (await res.json()) as SpendBody;
    expect([body.since, body.until]).toEqual(['2026-10-27T00:00:00.000Z', '2026-10-27T03:00:00.000Z']);
    const inside = events.filter(
      (e) => e.occurred_at >= '2026-10-27T00:00' && e.occurred_at < '2026-10-27T03:00',
    );
    expect(body.totals).toEqual(counters(inside));
  });
});

describe('GET /v1/spend/provider-mix', () => {
  it('gives each provider its exact requests, tokens and cost and shares that match them', async () => {
    const res = await stack.get(`/v1/spend/provider-mix?since=${SINCE}&until=${UNTIL}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      providers: {
        provider: string;
        requests: string;
        request_share: string;
        tokens: string;
        token_share: string;
        cost_micro_usd: string;
        cost_share: string;
        unpriced_requests: string;
        unpriced_tokens: string;
        estimated_requests: string;
        rejected: boolean;
      }[];
      totals: Record<string, string>;
    };
    const total = counters(events);
    const totalTokens = Number(total.input_tokens) + Number(total.output_tokens);
    const providers = [...new Set(events.map((e) => dimensionsOf(e).provider))].sort();
    expect(body.providers.map((p) => p.provider).sort()).toEqual(providers);
    for (const share of body.providers) {
      const mine = counters(events.filter((e) => dimensionsOf(e).provider === share.provider));
      const tokens = Number(mine.input_tokens) + Number(mine.output_tokens);
      expect([share.requests, share.tokens, share.cost_micro_usd]).toEqual([
        mine.requests,
        String(tokens),
        mine.cost_micro_usd,
      ]);
      expect([share.unpriced_requests, share.unpriced_tokens, share.estimated_requests]).toEqual([
        mine.unpriced_requests,
        mine.unpriced_tokens,
        mine.estimated_requests,
      ]);
      expect(share.rejected).toBe(share.provider === '');
      expect(
        Math.abs(Number(share.request_share) - Number(mine.requests) / events.length),
      ).toBeLessThanOrEqual(0.00005);
      expect(Math.abs(Number(share.token_share) - tokens / totalTokens)).toBeLessThanOrEqual(0.00005);
      expect(
        Math.abs(Number(share.cost_share) - Number(mine.cost_micro_usd) / Number(total.cost_micro_usd)),
      ).toBeLessThanOrEqual(0.00005);
      expect(share.request_share).toMatch(/^\d\.\d{4}$/);
    }
    expect(body.totals).toEqual({
      unpriced_requests: total.unpriced_requests,
      unpriced_tokens: total.unpriced_tokens,
      estimated_requests: total.estimated_requests,
    });
    const sum = body.providers.reduce((s, p) => s + Number(p.cost_share), 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(0.0001 * body.providers.length);
  });
});

describe('spend query validation', () => {
  it.each([
    ['since=x', 'since', "since: expected a duration like 30d or an RFC 3339 time, got 'x'"],
    [
      'until=2026-13-01T00:00:00Z',
      'until',
      "until: expected a duration like 30d or an RFC 3339 time, got '2026-13-01T00:00:00Z'",
    ],
    ['since=1h&until=2h', 'until', undefined],
    ['by=country', 'by', 'by: expected one of provider, target, group, model, team, key'],
    ['interval=week', 'interval', 'interval: expected one of hour, day, month'],
    ['colour=blue', 'colour', 'colour: unknown parameter'],
  ])('answers 400 naming the parameter for %s', async (query, param, message) => {
    const res = await stack.get(`/v1/spend?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { type: string; code: string; param: string; message: string };
    };
    expect([body.error.type, body.error.code, body.error.param]).toEqual([
      'invalid_request_error',
      'invalid_parameter',
      param,
    ]);
    if (message !== undefined) expect(body.error.message).toBe(message);
  });
});
