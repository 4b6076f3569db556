import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { dimensionsOf, knownTraffic } from './known-traffic.fixture.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

// Some events carry the caller's own request id beside kt's, as the gateway records it.
const events = knownTraffic(300, new Date('2026-10-30T08:00:00.000Z'), 11, 'events').map((e, n) =>
  n % 40 === 7 ? { ...e, client_request_id: 'caller-7' } : e,
);
const WINDOW = 'since=2026-10-30T00:00:00Z&until=2026-11-03T00:00:00Z';
let stack: ReportingStack;

beforeAll(async () => {
  stack = await startReportingStack({ events });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

interface Page {
  events: RouteEvent[];
  next_cursor: string | null;
}

/** Every event matching `query`, following next_cursor page by page. */
async function allPages(query: string, limit: number): Promise<{ events: RouteEvent[]; pages: number }> {
  const found: RouteEvent[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const window = query.includes('since=') ? '' : `${WINDOW}&`;
    const res = await stack.get(`/v1/events?${window}limit=${limit}&${query}${suffix}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    found.push(...page.events);
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor !== null);
  return { events: found, pages };
}

const newestFirst = (list: readonly RouteEvent[]): RouteEvent[] =>
  [...list].sort((a, b) =>
    a.occurred_at === b.occurred_at
      ? a.event_id < b.event_id
        ? 1
        : -1
      : a.occurred_at < b.occurred_at
        ? 1
        : -1,
  );

const FILTERS: [string, (e: RouteEvent) => boolean][] = [
  ['', () => true],
  ['provider=azure', (e) => dimensionsOf(e).provider === 'azure'],
  ['target=openai-backup', (e) => dimensionsOf(e).target === 'openai-backup'],
  ['group=chat&team=finance', (e) => e.group === 'chat' && e.caller?.team === 'finance'],
  ['group=embed&team=finance', () => false],
  ['key=key-3', (e) => e.caller?.key_id === 'key-3'],
  ['model=anthropic-model-1', (e) => dimensionsOf(e).model === 'anthropic-model-1'],
  ['status=error', (e) => e.type !== 'route.completed'],
  ['status=ok', (e) => e.type === 'route.completed'],
  ['status=4xx', (e) => e.status >= 400 && e.status < 500],
  ['status=502', (e) => e.status === 502],
  ['request_id=events-42', (e) => e.request_id === 'events-42'],
  ['client_request_id=caller-7', (e) => e.client_request_id === 'caller-7'],
  [
    'since=2026-10-31T10:00:00Z&until=2026-10-31T12:30:00Z',
    (e) => e.occurred_at >= '2026-10-31T10:00:00' && e.occurred_at < '2026-10-31T12:30:00',
  ],
];

describe('GET /v1/events', () => {
  it.each(FILTERS)('pages through exactly the stored events for %j, newest first', async (query, keep) => {
    const { events: found, pages } = await allPages(query, 37);
    const want = newestFirst(events.filter(keep));
    // Only the deliberately empty combination may find nothing.
    expect(want.length > 0).toBe(query !== 'group=embed&team=finance');
    expect(found).toEqual(want);
    expect(pages).toBe(Math.max(1, Math.ceil(want.length / 37)));
  });

  it('answers 400 for a cursor it did not issue and for a limit out of range', async () => {
    for (const [query, param] of [
      ['cursor=bogus', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['status=teapot', 'status'],
      ['client_request_id=a%20b', 'client_request_id'],
      [`client_request_id=${'c'.repeat(129)}`, 'client_request_id'],
    ]) {
      const res = await stack.get(`/v1/events?${query}`);
      expect([query, res.status, ((await res.json()) as { error: { param: string } }).error.param]).toEqual([
        query,
        400,
        param,
      ]);
    }
  });
});

describe('GET /v1/events/export', () => {
  it.each(FILTERS)('exports CSV that a CSV parser reads back as /v1/events for %j', async (query, keep) => {
    const window = query.includes('since=') ? '' : `${WINDOW}&`;
    const res = await stack.get(`/v1/events/export?format=csv&${window}${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const want = events.filter(keep);
    expect(res.headers.get('x-kt-export-rows-estimate')).toBe(String(want.length));
    const body = await res.text();
    expect(body.split('\r\n')[0]).toBe(
      'event_id,request_id,occurred_at,type,status,endpoint,provider,target,group,requested_model,model,team,key_id,' +
        'input_tokens,output_tokens,cost_micro_usd,cost_usd,priced_by,attempts,fallback,error_code,duration_ms',
    );
    const rows = parse(body, { columns: true, strict: true } as never) as Record<string, string>[];
    const { events: listed } = await allPages(query, 1000);
    // The export is oldest first, the search newest first: the same events in reverse.
    expect(rows.map((r) => r.event_id)).toEqual(listed.map((e) => e.event_id).reverse());
    const byId = new Map(listed.map((e) => [e.event_id, e]));
    for (const row of rows) {
      const e = byId.get(row.event_id ?? '')!;
      const dims = dimensionsOf(e);
      const cost = BigInt(e.cost.micro_usd);
      expect(row).toEqual({
        event_id: e.event_id,
        request_id: e.request_id,
        occurred_at: e.occurred_at,
        type: e.type,
        status: String(e.status),
        endpoint: e.endpoint,
        // A request the gateway refused is named so, never a blank provider (issue 13).
        provider: e.type === 'route.rejected' && dims.provider === '' ? '(rejected)' : dims.provider,
        target: e.type === 'route.rejected' && dims.target === '' ? '(rejected)' : dims.target,
        group: dims.group,
        requested_model: e.requested_model,
        model: dims.model,
        team: dims.team,
        key_id: dims.key,
        input_tokens: String(e.usage.input_tokens),
        output_tokens: String(e.usage.output_tokens),
        cost_micro_usd: e.cost.micro_usd,
        cost_usd: `${cost / 1_000_000n}.${(cost % 1_000_000n).toString().padStart(6, '0')}`,
        priced_by: e.cost.priced_by,
        attempts: String(e.attempts.length),
        fallback: String(e.attempts.length > 1),
        error_code: e.error_code ?? '',
        duration_ms: String(e.duration_ms),
      });
    }
  });

  it.each([
    ['json', (body: string) => JSON.parse(body) as RouteEvent[], 'application/json'],
    [
      'ndjson',
      (body: string) =>
        body
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as RouteEvent),
      'application/x-ndjson',
    ],
  ] as const)('exports %s holding the events exactly as stored', async (format, read, type) => {
    const res = await stack.get(`/v1/events/export?format=${format}&${WINDOW}&provider=openai`);
    expect(res.headers.get('content-type')).toContain(type);
    const { events: listed } = await allPages('provider=openai', 1000);
    expect(read(await res.text())).toEqual(listed.reverse());
  });

  it('exports an empty window as a header row, an empty array, and nothing', async () => {
    const empty = 'since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z';
    const bodies = await Promise.all(
      ['csv', 'json', 'ndjson'].map(async (format) =>
        (await stack.get(`/v1/events/export?format=${format}&${empty}`)).text(),
      ),
    );
    expect(bodies[0]?.split('\r\n').filter(Boolean)).toHaveLength(1);
    expect(bodies.slice(1)).toEqual(['[]\n', '']);
  });

  it('answers 400 for an unknown format', async () => {
    const res = await stack.get('/v1/events/export?format=xlsx');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'format: expected one of csv, json, ndjson',
    );
  });
});
