import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUtcTimestamp, type RouteEvent } from '@kt/contracts';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  LedgerUnderTest,
  produce,
  testKafka,
} from '../ledger/ledger.fixture.js';
import { startReportingStack, type ReportingStack } from '../reporting/reporting.fixture.js';
import { Exposition } from './metrics.scrape.js';
import { ledgerAuth } from '../support/service.credentials.js';

const LEDGER_FAMILIES = {
  kt_ledger_events_applied_total: 'counter',
  kt_ledger_dead_letters_total: 'counter',
  kt_ledger_batch_apply_duration_seconds: 'histogram',
  kt_ledger_consumer_lag_messages: 'gauge',
  kt_ledger_metrics_sources_up: 'gauge',
  kt_budget_utilisation_ratio: 'gauge',
} as const;

const REPORTING_FAMILIES = {
  kt_reporting_http_requests_total: 'counter',
  kt_reporting_http_request_duration_seconds: 'histogram',
  kt_reporting_export_rows_total: 'counter',
} as const;

/** A route event of now, charged to `team`. */
function eventOf(team: string, costMicroUsd: number): RouteEvent {
  const id = randomUUID();
  return {
    ...sampleRouteEvent(),
    event_id: id,
    request_id: `metrics-${id}`,
    occurred_at: toUtcTimestamp(Date.now()),
    caller: { key_id: 'metrics-key', team },
    cost: { micro_usd: String(costMicroUsd), currency: 'USD', priced_by: 'catalog' },
  } as RouteEvent;
}

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  let last = await read();
  for (const deadline = Date.now() + timeoutMs; !ok(last); await sleep(250)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    last = await read();
  }
  return last;
}

describe('the ledger and reporting /metrics', () => {
  let stack: ReportingStack;
  const team = `metrics-team-${randomUUID().slice(0, 8)}`;
  let budgetId: string;

  beforeAll(async () => {
    stack = await startReportingStack();
    const created = await fetch(`${stack.ledgerUrl}/v1/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
      body: JSON.stringify({ scope_kind: 'team', scope_value: team, period: 'monthly', limit_usd: '1' }),
    });
    expect(created.status).toBe(201);
    budgetId = ((await created.json()) as { budget_id: string }).budget_id;
    // Half the $1 budget's team spend, one event of another team, and one record nobody can read.
    await stack.publish([eventOf(team, 250_000), eventOf(team, 250_000), eventOf('someone-else', 99)]);
    await produce(testKafka(), stack.topic, [{ key: 'garbage', value: 'not a route event' }]);
    await stack.waitApplied(3);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('counts applied events and dead letters, shows no lag once caught up, and each budget’s utilisation', async () => {
    const budgetSpent = async (): Promise<string | undefined> => {
      const answer = await fetch(`${stack.ledgerUrl}/v1/budgets/${budgetId}`, {
        headers: ledgerAuth('finance'),
      });
      return ((await answer.json()) as { state: { spent_micro_usd: string } | null }).state?.spent_micro_usd;
    };
    await until(budgetSpent, (spent) => spent === '500000', 'budget spend');
    const metrics = await until(
      () => Exposition.scrape(stack.ledgerUrl),
      (m) => {
        const lag = m.samples('kt_ledger_consumer_lag_messages', { topic: stack.topic });
        return (
          m.value('kt_ledger_dead_letters_total') === 1 && lag.length > 0 && lag.every((s) => s.value === 0)
        );
      },
      'ledger metrics',
    );

    for (const [name, type] of Object.entries(LEDGER_FAMILIES)) expect(metrics.type(name), name).toBe(type);
    expect(metrics.conventionViolations()).toEqual([]);
    expect(metrics.value('kt_ledger_events_applied_total')).toBe(3);
    expect(metrics.value('kt_ledger_dead_letters_total')).toBe(1);
    expect(metrics.histogramCount('kt_ledger_batch_apply_duration_seconds')).toBeGreaterThanOrEqual(1);
    expect(metrics.value('kt_ledger_metrics_sources_up')).toBe(1);
    // Every partition of the topic is reported; the dead-lettered record counts as passed.
    const lag = metrics.samples('kt_ledger_consumer_lag_messages', { topic: stack.topic });
    expect(lag.length).toBeGreaterThan(0);
    expect(lag.map((s) => s.value)).toEqual(lag.map(() => 0));
    expect(metrics.samples('kt_budget_utilisation_ratio', { budget: budgetId })).toEqual([
      {
        labels: { budget: budgetId, scope: 'team', period: 'monthly', action: 'alert', service: 'ledger' },
        value: 0.5,
      },
    ]);
  });

  it('counts reporting’s HTTP requests by route pattern and status, and the rows exports streamed', async () => {
    const since = toUtcTimestamp(Date.now() - 3_600_000);
    const until = toUtcTimestamp(Date.now() + 3_600_000);
    const exported = await stack.get(`/v1/events/export?format=ndjson&since=${since}&until=${until}`);
    expect(exported.status).toBe(200);
    const rows = (await exported.text()).split('\n').filter((line) => line.trim() !== '').length;
    expect(rows).toBe(3);
    expect((await stack.get('/v1/events/export?format=csv', null)).status).toBe(401);
    expect((await stack.get('/no-such-route')).status).toBe(404);

    const metrics = await Exposition.scrape(stack.reportingUrl);
    for (const [name, type] of Object.entries(REPORTING_FAMILIES))
      expect(metrics.type(name), name).toBe(type);
    expect(metrics.conventionViolations()).toEqual([]);
    const requests = 'kt_reporting_http_requests_total';
    const exportRoute = { method: 'GET', route: '/v1/events/export' };
    expect(metrics.value(requests, { ...exportRoute, status: '200' })).toBe(1);
    expect(metrics.value(requests, { ...exportRoute, status: '401' })).toBe(1);
    expect(metrics.value(requests, { route: 'unmatched', status: '404' })).toBe(1);
    expect(metrics.histogramCount('kt_reporting_http_request_duration_seconds', exportRoute)).toBe(2);
    expect(metrics.value('kt_reporting_export_rows_total', { format: 'ndjson' })).toBe(rows);
  });
});

describe('the ledger’s consumer lag', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `kt-test-metrics-${run}.route-events`;
  let db: { url: string; drop(): Promise<void> };
  let ledger: LedgerUnderTest;

  beforeAll(async () => {
    db = await createDatabase('kt_metrics_lag');
    await createTopics(testKafka(), [topic, `kt-test-metrics-${run}.dead-letter`]);
    // Each batch's transaction stays open 4 s: the events wait on the topic, unapplied, meanwhile.
    ledger = await LedgerUnderTest.start({
      databaseUrl: db.url,
      topic,
      deadLetterTopic: `kt-test-metrics-${run}.dead-letter`,
      group: `kt-ledger-metrics-${run}`,
      env: { LEDGER_APPLY_DELAY_MS: '4000' },
    });
  }, 120_000);

  afterAll(async () => {
    await ledger?.stop();
    await db?.drop();
  });

  it('is the number of events on the topic not yet applied, and falls to zero once they are', async () => {
    const lagOf = (m: Exposition): number => m.value('kt_ledger_consumer_lag_messages', { topic });
    await produce(
      testKafka(),
      topic,
      [1, 2, 3, 4, 5].map(() => asMessage(eventOf('lag-team', 10))),
    );
    expect(lagOf(await Exposition.scrape(ledger.url))).toBe(5);
    const caughtUp = await until(
      () => Exposition.scrape(ledger.url),
      (m) => lagOf(m) === 0,
      'consumer lag',
      60_000,
    );
    expect(caughtUp.value('kt_ledger_events_applied_total')).toBe(5);
  }, 90_000);
});
