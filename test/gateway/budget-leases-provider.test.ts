import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '@kt/persistence';
import {
  createBudget,
  ledgerTotals,
  targetBudgetStatus,
  until,
  type LedgerProcess,
} from './budget-leases.fixture.js';
import { requestId, type GatewayUnderTest } from './gateway.fixture.js';
import {
  LEASED_BODY as BODY,
  LEASED_MAX_ATTEMPT_COST as MAX_COST_AT_A,
  leasedPack,
  startLeasedStack,
  type LeasedStack,
} from './leased-stack.fixture.js';

// Provider A (openai) is tried first, provider B (azure) is the fallback; only provider A has a
// (small) block budget.
const LIMIT_MICRO_USD = 100_000n;
const INSTANCES = ['gw-a', 'gw-b'] as const;

describe('headroom leases bound a provider block budget over several gateways', () => {
  let stack: LeasedStack;
  let ledger: LedgerProcess;
  let db: DataSource;
  let gateways: readonly GatewayUnderTest[] = [];
  let sent = 0;

  /** `count` concurrent requests spread over both gateways: each answer's status and error code. */
  const burst = async (count: number): Promise<string[]> => {
    sent += count;
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const answer = await gateways[i % 2]!.post('/v1/chat/completions', BODY, requestId('provider'));
        const body = (await answer.json()) as { error?: { code?: string } };
        return answer.status === 200 ? '200' : `${answer.status} ${body.error?.code}`;
      }),
    );
  };
  /** The ledger's totals by provider once it applied every request sent so far. */
  const appliedTotals = async (): Promise<Map<string, { requests: bigint; cost: bigint }>> => {
    await until(
      'the ledger applied every route event',
      async () => {
        let requests = 0n;
        for (const row of (await ledgerTotals(ledger)).values()) requests += row.requests;
        return requests === BigInt(sent);
      },
      60_000,
      ledger.logs,
    );
    return ledgerTotals(ledger);
  };
  /** Waits until each gateway follows a budget on `targetId` (its targets list shows it covered). */
  const followed = async (targetId: string): Promise<void> => {
    for (const gateway of gateways) {
      await until(
        `the gateway follows the budget of ${targetId}`,
        // `ok`, or `warning` for a budget created close to its limit: anything but `none`.
        async () => ['ok', 'warning'].includes(await targetBudgetStatus(gateway, targetId)),
        60_000,
        gateway.logs,
      );
    }
  };

  beforeAll(async () => {
    stack = await startLeasedStack({
      pack: leasedPack('budget-leases-provider', 'ordered'),
      instances: INSTANCES,
      leaseRequests: 2,
    });
    ({ ledger, db, gateways } = stack);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('keeps provider A within its limit plus one attempt per gateway and serves the rest from provider B', async () => {
    expect(MAX_COST_AT_A).toBeGreaterThan(10_000n);
    await createBudget(ledger, {
      scope_kind: 'provider',
      scope_value: 'openai',
      period: 'monthly',
      limit_usd: (Number(LIMIT_MICRO_USD) / 1e6).toFixed(6),
      action: 'block',
    });
    await followed('openai-main');

    const statuses = await burst(200);
    // Provider A's share running out moves traffic to provider B: nobody is refused.
    expect(statuses.filter((status) => status !== '200')).toEqual([]);

    const byProvider = await appliedTotals();
    const a = byProvider.get('openai');
    const b = byProvider.get('azure');
    process.stdout.write(
      `[provider-leases] A: ${a?.requests} requests, ${a?.cost} µ$ (limit ${LIMIT_MICRO_USD}, one attempt ≤ ${MAX_COST_AT_A}); B: ${b?.requests} requests\n`,
    );
    expect(a?.cost ?? 0n).toBeGreaterThan(0n);
    expect(a?.cost ?? 0n).toBeLessThanOrEqual(LIMIT_MICRO_USD + 2n * MAX_COST_AT_A);
    // Without leases every one of the 200 would have gone to A first, far beyond its limit.
    expect(b?.requests ?? 0n).toBeGreaterThan(150n);
    expect((a?.requests ?? 0n) + (b?.requests ?? 0n)).toBe(200n);
    // Both gateways took their share of provider A's budget from the ledger.
    const leases = await db.query<{ gateway_instance: string }[]>(
      'SELECT gateway_instance FROM budget_leases ORDER BY 1',
    );
    expect(leases.map((row) => row.gateway_instance)).toEqual([...INSTANCES]);
  }, 240_000);

  it('refuses with 402 budget_exceeded only once the leases of both providers are out', async () => {
    const before = await appliedTotals();
    const spentAtB = before.get('azure')?.cost ?? 0n;
    const headroomAtB = 80_000n;
    await createBudget(ledger, {
      scope_kind: 'provider',
      scope_value: 'azure',
      period: 'monthly',
      limit_usd: (Number(spentAtB + headroomAtB) / 1e6).toFixed(6),
      action: 'block',
    });
    await followed('azure-secondary');

    const statuses = await burst(60);
    const refused = statuses.filter((status) => status !== '200');
    process.stdout.write(
      `[provider-leases] with B leased too: ${statuses.length - refused.length} served, ${refused.length} refused\n`,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set(['402 budget_exceeded']));

    const after = await appliedTotals();
    const costAt = (vendor: string): bigint => after.get(vendor)?.cost ?? 0n;
    // Same prices at A and B, so one attempt's maximum is the same at both.
    expect(costAt('azure') - spentAtB).toBeLessThanOrEqual(headroomAtB + 2n * MAX_COST_AT_A);
    expect(costAt('openai')).toBeLessThanOrEqual(LIMIT_MICRO_USD + 2n * MAX_COST_AT_A);
  }, 120_000);
});
