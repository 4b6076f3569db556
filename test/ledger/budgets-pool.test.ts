import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerAuth } from '../support/service.credentials.js';
import { createDatabase, ensureBudgetTopics } from './budgets.fixture.js';
import { LedgerProcess } from './budgets-process.fixture.js';

/**
 * Budget creates hold the key's advisory lock (one pooled connection) while they wait for Kafka and
 * the read model. Many at once for different keys must not take the pool from the lease grants the
 * gateways depend on (they fail closed without them).
 */
describe('concurrent budget creates and the ledger’s connection pool', () => {
  let ledger: LedgerProcess;

  beforeAll(async () => {
    await ensureBudgetTopics();
    ledger = await LedgerProcess.start(await createDatabase());
  }, 120_000);

  afterAll(async () => {
    await ledger?.kill9();
  });

  const create = (body: unknown, signal?: AbortSignal) =>
    fetch(`${ledger.url}/v1/budgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
      body: JSON.stringify(body),
      signal,
    });

  it('creates 20 budgets of different keys at once while lease grants keep answering', async () => {
    const run = randomUUID().slice(0, 8);
    const blocking = await create({
      scope_kind: 'team',
      scope_value: `pool-${run}-leased`,
      period: 'monthly',
      limit_usd: '100',
      action: 'block',
    });
    expect(blocking.status).toBe(201);
    const budgetId = ((await blocking.json()) as { budget_id: string }).budget_id;

    // A gateway asking for headroom the whole time; each grant must come back, quickly and not 5xx.
    const grants: number[] = [];
    let creating = true;
    const leasing = (async () => {
      while (creating) {
        const status = await fetch(`${ledger.url}/v1/leases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ledgerAuth('gateway') },
          body: JSON.stringify({
            budget_id: budgetId,
            gateway_instance: 'gw-pool',
            requested_micro_usd: '1000',
          }),
          signal: AbortSignal.timeout(5_000),
        }).then(
          (res) => res.status,
          () => 0, // timed out: no connection was free
        );
        grants.push(status);
      }
    })();

    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create(
          {
            scope_kind: 'team',
            scope_value: `pool-${run}-${i}`,
            period: 'daily',
            limit_usd: '5',
            action: 'block',
          },
          AbortSignal.timeout(60_000),
        ).then(
          (res) => res.status,
          () => 0,
        ),
      ),
    );
    const elapsedMs = Date.now() - started;
    creating = false;
    await leasing;

    expect(answers).toEqual(Array.from({ length: 20 }, () => 201));
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.filter((status) => status !== 200)).toEqual([]);
    const live = (await (
      await fetch(`${ledger.url}/v1/budgets`, { headers: ledgerAuth('finance') })
    ).json()) as { scope: { value: string } }[];
    expect(live.filter((b) => b.scope.value.startsWith(`pool-${run}-`))).toHaveLength(21);
    console.log(`20 concurrent creates: ${elapsedMs} ms, ${grants.length} lease grants meanwhile`);
  }, 120_000);
});
