import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { windowAt } from '@kt/spend';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';
import { ledgerAuth } from '../support/service.credentials.js';

const run = randomUUID().slice(0, 8);
const team = `team-${run}`;
const provider = `prov-${run}`;
let stack: ReportingStack;
const now = Date.now();

/**
 * Recent traffic (the last two minutes) for one team and provider on two keys, costs known; every
 * tenth request used tokens no price covered (cost 0, `unpriced`), which budgets report beside spent.
 */
const events: RouteEvent[] = Array.from({ length: 40 }, (_, n) =>
  sampleRouteEvent({
    event_id: randomUUID(),
    request_id: `budgets-${run}-${n}`,
    occurred_at: new Date(now - 1_000 - n * 3_000).toISOString(),
    caller: { key_id: `key-${run}-${n % 2 === 0 ? 'a' : 'b'}`, team },
    served: { target: `${provider}-main`, provider, upstream_model: 'm' },
    attempts: [{ ...sampleRouteEvent().attempts[0]!, target: `${provider}-main`, provider }],
    cost:
      n % 10 === 9
        ? { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' }
        : { micro_usd: String(10_000 + n * 1_000), currency: 'USD', priced_by: 'catalog' },
  }),
);
const unpriced = events.filter((e) => e.cost.priced_by === 'unpriced');

interface BudgetReport {
  id: string;
  scope: string;
  scope_value: string | null;
  period: string;
  action: string;
  limit_micro_usd: string;
  spent_micro_usd: string;
  remaining_micro_usd: string;
  utilisation: string;
  status: string;
  window_start: string;
  window_end: string | null;
  forecast_micro_usd: string | null;
  forecast_utilisation: string | null;
}

async function defineBudget(body: Record<string, unknown>): Promise<string> {
  // 503 while the ledger is still reading the (shared) budget topic from its start.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await fetch(`${stack.ledgerUrl}/v1/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
      body: JSON.stringify(body),
    });
    if (res.status === 503 && Date.now() < deadline) {
      await res.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    const text = await res.text();
    expect([res.status, text]).toEqual([201, expect.any(String)]);
    return (JSON.parse(text) as { budget_id: string }).budget_id;
  }
}

const spentOn = (keep: (e: RouteEvent) => boolean): bigint =>
  events.filter(keep).reduce((sum, e) => sum + BigInt(e.cost.micro_usd), 0n);

let ids: { team: string; keyA: string; provider: string };

beforeAll(async () => {
  stack = await startReportingStack({ events });
  const teamSpend = spentOn(() => true);
  ids = {
    // 60% of the limit: past the 50% threshold → warning.
    team: await defineBudget({
      scope_kind: 'team',
      scope_value: team,
      period: 'monthly',
      limit_usd: String(Number((teamSpend * 10n) / 6n) / 1_000_000),
      thresholds_pct: [50, 80],
    }),
    // Below what key a spent → exhausted.
    keyA: await defineBudget({
      scope_kind: 'key',
      scope_value: `key-${run}-a`,
      period: 'daily',
      limit_usd: '0.1',
    }),
    // Far above → ok, and a total budget has no forecast.
    provider: await defineBudget({
      scope_kind: 'provider',
      scope_value: provider,
      period: 'total',
      limit_usd: '1000',
      action: 'block',
    }),
  };
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /v1/budgets', () => {
  it('reports each budget with exact spend, status, utilisation and a straight-line forecast', async () => {
    const before = Date.now();
    const res = await stack.get('/v1/budgets');
    const after = Date.now();
    expect(res.status).toBe(200);
    const { budgets } = (await res.json()) as { budgets: BudgetReport[] };
    const byId = new Map(budgets.map((b) => [b.id, b]));

    const teamBudget = byId.get(ids.team)!;
    const teamWindow = windowAt('monthly', after);
    const teamSpent = spentOn((e) => Date.parse(e.occurred_at) >= teamWindow.startMs);
    const teamLimit = BigInt(teamBudget.limit_micro_usd);
    expect(teamBudget).toMatchObject({
      scope: 'team',
      scope_value: team,
      period: 'monthly',
      action: 'alert',
      spent_micro_usd: teamSpent.toString(),
      remaining_micro_usd: (teamLimit - teamSpent).toString(),
      status: 'warning',
      window_start: new Date(teamWindow.startMs).toISOString(),
      window_end: new Date(teamWindow.endMs!).toISOString(),
    });
    const util = (teamSpent * 10_000n) / teamLimit;
    expect(teamBudget.utilisation).toBe(`${util / 10_000n}.${(util % 10_000n).toString().padStart(4, '0')}`);
    const length = BigInt(teamWindow.endMs! - teamWindow.startMs);
    const forecastAt = (at: number): bigint => (teamSpent * length) / BigInt(at - teamWindow.startMs);
    const forecast = BigInt(teamBudget.forecast_micro_usd!);
    expect(forecast <= forecastAt(before - 1_000) && forecast >= forecastAt(after + 1_000)).toBe(true);

    const keyBudget = byId.get(ids.keyA)!;
    const keyWindow = windowAt('daily', after);
    const keySpent = spentOn(
      (e) => e.caller?.key_id === `key-${run}-a` && Date.parse(e.occurred_at) >= keyWindow.startMs,
    );
    expect(keyBudget).toMatchObject({
      scope: 'key',
      limit_micro_usd: '100000',
      spent_micro_usd: keySpent.toString(),
      remaining_micro_usd: (100_000n - keySpent).toString(),
      status: keySpent >= 100_000n ? 'exhausted' : 'ok',
    });
    expect(keySpent >= 100_000n).toBe(true);

    const providerBudget = byId.get(ids.provider)!;
    const unpricedTokens = unpriced.reduce((sum, e) => sum + e.usage.input_tokens + e.usage.output_tokens, 0);
    expect(unpricedTokens).toBeGreaterThan(0);
    expect(providerBudget).toMatchObject({
      unpriced_requests: String(unpriced.length),
      unpriced_tokens: String(unpricedTokens),
      estimated_requests: '0',
      scope: 'provider',
      period: 'total',
      action: 'block',
      spent_micro_usd: spentOn(() => true).toString(),
      status: 'ok',
      window_start: '1970-01-01T00:00:00.000Z',
      window_end: null,
      forecast_micro_usd: null,
      forecast_utilisation: null,
    });
  });

  it('agrees with the ledger on every budget’s spend', async () => {
    const mine = new Set(Object.values(ids));
    // The ledger re-evaluates budgets after it applies spend: poll until its states have caught up.
    let mismatches: unknown[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const ledger = (await (
        await fetch(`${stack.ledgerUrl}/v1/budgets`, { headers: ledgerAuth('finance') })
      ).json()) as {
        budget_id: string;
        state: { spent_micro_usd: string } | null;
      }[];
      const { budgets } = (await (await stack.get('/v1/budgets')).json()) as { budgets: BudgetReport[] };
      const reported = new Map(budgets.map((b) => [b.id, b.spent_micro_usd]));
      const compared = ledger.filter((b) => mine.has(b.budget_id));
      mismatches = compared
        .filter((b) => b.state?.spent_micro_usd !== reported.get(b.budget_id))
        .map((b) => [b.budget_id, b.state?.spent_micro_usd, reported.get(b.budget_id)]);
      if (compared.length === mine.size && mismatches.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(mismatches).toEqual([]);
  });
});
