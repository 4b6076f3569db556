import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '@kt/persistence';
import { ledgerTotals, until, type LedgerProcess } from './budget-leases.fixture.js';
import { requestId, type GatewayUnderTest } from './gateway.fixture.js';
import {
  LEASED_BODY as BODY,
  LEASED_MAX_ATTEMPT_COST as MAX_COST,
  leasedPack,
  startLeasedStack,
  type LeasedStack,
} from './leased-stack.fixture.js';
import { ledgerAuth } from '../support/service.credentials.js';

// Two priced targets behind one group, round robin; one global block budget.
const LIMIT_MICRO_USD = 300_000n;

describe('headroom leases bound a block budget over several gateways', () => {
  let stack: LeasedStack;
  let ledger: LedgerProcess;
  let db: DataSource;
  let gateways: readonly GatewayUnderTest[] = [];

  const totals = async (): Promise<{ requests: bigint; cost: bigint }> => {
    let requests = 0n;
    let cost = 0n;
    for (const row of (await ledgerTotals(ledger)).values()) {
      requests += row.requests;
      cost += row.cost;
    }
    return { requests, cost };
  };

  beforeAll(async () => {
    stack = await startLeasedStack({
      pack: leasedPack('budget-leases', 'round_robin'),
      instances: ['gw-a', 'gw-b'],
      leaseRequests: 4,
    });
    ({ ledger, db, gateways } = stack);
  }, 180_000);

  // The global block budget this test defines, deleted afterwards: a live one covers every later
  // test's gateway on the shared budget-state topic, and unpriced targets are refused under it.
  let budgetId: string | undefined;

  afterAll(async () => {
    if (budgetId !== undefined) {
      await fetch(`${ledger.url}/v1/budgets/${budgetId}`, { method: 'DELETE', headers: ledgerAuth('admin') });
    }
    await stack?.stop();
  }, 60_000);

  it('keeps 200 concurrent requests over two gateways within the limit plus one request per gateway', async () => {
    expect(MAX_COST).toBeGreaterThan(10_000n);
    const created = await fetch(`${ledger.url}/v1/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
      body: JSON.stringify({
        scope_kind: 'global',
        period: 'monthly',
        limit_usd: (Number(LIMIT_MICRO_USD) / 1e6).toFixed(6),
        action: 'block',
      }),
    });
    expect(created.status).toBe(201);
    budgetId = ((await created.json()) as { budget_id: string }).budget_id;
    let sent = 0;
    // Each gateway must have followed the budget's state before the burst: then it holds a lease.
    for (const [i, gateway] of gateways.entries()) {
      await until(
        `gateway ${i} leases the budget`,
        async () => {
          sent++;
          const answer = await gateway.post('/v1/chat/completions', BODY, requestId('lease-warmup'));
          await answer.arrayBuffer();
          const rows = await db.query<unknown[]>('SELECT 1 FROM budget_leases WHERE gateway_instance = $1', [
            i === 0 ? 'gw-a' : 'gw-b',
          ]);
          return rows.length > 0;
        },
        60_000,
        gateway.logs,
      );
    }

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await gateways[i % 2]!.post('/v1/chat/completions', BODY, requestId('lease'));
        const body = (await answer.json()) as { error?: { code?: string } };
        return answer.status === 402 ? `402 ${body.error?.code}` : String(answer.status);
      }),
    );
    sent += 200;
    const served = statuses.filter((s) => s === '200').length;
    const refused = statuses.filter((s) => s === '402 budget_exceeded').length;
    expect(served + refused).toBe(200);
    expect(served).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    await until(
      'the ledger applied every route event',
      async () => (await totals()).requests === BigInt(sent),
      60_000,
      ledger.logs,
    );
    const { cost } = await totals();
    expect(cost).toBeGreaterThan(0n);
    expect(cost).toBeLessThanOrEqual(LIMIT_MICRO_USD + 2n * MAX_COST);
  }, 240_000);
});
