import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_EVENTS_TOPIC, BUDGET_STATE_TOPIC, type BudgetEvent, type BudgetState } from '@kt/contracts';
import {
  addSpend,
  createDatabase,
  decodeEvent,
  decodeState,
  ensureBudgetTopics,
  facts,
  list,
  post,
  startLedger,
  TestClock,
  thisHour,
  TopicLog,
  type BudgetView,
  type LedgerUnderTest,
} from './budgets.fixture.js';

describe('budget state, thresholds and rebuilds in the ledger', () => {
  const clock = new TestClock();
  let dbUrl: string;
  let ledger: LedgerUnderTest;
  let events: TopicLog<BudgetEvent>;
  let states: TopicLog<BudgetState>;
  const team = `team-${randomUUID().slice(0, 8)}`;
  const created: BudgetView[] = [];

  beforeAll(async () => {
    await ensureBudgetTopics();
    dbUrl = await createDatabase();
    ledger = await startLedger(dbUrl, clock);
    [events, states] = await Promise.all([
      TopicLog.start(BUDGET_EVENTS_TOPIC, decodeEvent),
      TopicLog.start(BUDGET_STATE_TOPIC, decodeState),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([events?.stop(), states?.stop()]);
    await ledger?.close();
  });

  it('announces 50, 80 and 100 % and exhaustion exactly once each, and keeps an alert budget an alert', async () => {
    const made = await post(ledger, {
      scope_kind: 'team',
      scope_value: team,
      period: 'monthly',
      limit_usd: '1',
      action: 'alert',
      name: 'thresholds',
    });
    expect(made.status).toBe(201);
    const id = (made.json as BudgetView).budget_id;
    created.push(made.json as BudgetView);
    const spend = async (cost: bigint): Promise<void> => {
      await addSpend(ledger.ds, { hour: thisHour(), team, cost });
      ledger.spendApplied.emit({ hours: [thisHour().toISOString()], events: 1 });
    };
    const factsOf = (): string[] => facts(events.byKey(id));
    const reached = (n: number) => () => (factsOf().length >= n ? true : undefined);

    await spend(300_000n);
    await states.waitFor(
      () => (states.byKey(id).at(-1)?.spent_micro_usd === '300000' ? true : undefined),
      'state at 30 %',
    );
    await spend(250_000n);
    await events.waitFor(reached(1), '50 %');
    await spend(300_000n);
    await events.waitFor(reached(2), '80 %');
    await spend(200_000n);
    await events.waitFor(reached(4), '100 % and exhausted');
    await spend(10_000n);
    await states.waitFor(
      () => (states.byKey(id).at(-1)?.spent_micro_usd === '1060000' ? true : undefined),
      'state at 106 %',
    );
    await sleep(1_000); // several re-checks: nothing may be announced twice

    expect(factsOf()).toEqual(['crossed 50', 'crossed 80', 'crossed 100', 'budget.exhausted']);
    expect(events.byKey(id).find((e) => e?.type === 'budget.exhausted')).toMatchObject({
      action: 'alert',
      spent_micro_usd: '1050000',
      limit_micro_usd: '1000000',
    });
    expect(states.byKey(id).at(-1)).toMatchObject({
      status: 'exhausted',
      action: 'alert',
      scope: { kind: 'team', value: team },
      spent_micro_usd: '1060000',
      remaining_micro_usd: '-60000',
      utilisation_pct: 106,
      deleted: false,
    });
  });

  it('resets a daily budget when its day ends, even without traffic', async () => {
    clock.at = Date.parse('2031-05-10T23:59:50.000Z');
    const rollTeam = `${team}-daily`;
    const made = await post(ledger, {
      scope_kind: 'team',
      scope_value: rollTeam,
      period: 'daily',
      limit_usd: '1',
    });
    const id = (made.json as BudgetView).budget_id;
    created.push(made.json as BudgetView);
    await addSpend(ledger.ds, { hour: new Date('2031-05-10T23:00:00.000Z'), team: rollTeam, cost: 600_000n });
    await events.waitFor(() => (facts(events.byKey(id)).length >= 1 ? true : undefined), '50 % of the day');

    clock.at = Date.parse('2031-05-11T00:00:02.000Z');
    await events.waitFor(
      () => (facts(events.byKey(id)).includes('budget.reset') ? true : undefined),
      'the reset',
    );
    expect(facts(events.byKey(id))).toEqual(['crossed 50', 'budget.reset']);
    expect(events.byKey(id).find((e) => e?.type === 'budget.reset')).toMatchObject({
      previous_window: { start: '2031-05-10T00:00:00.000Z', end: '2031-05-11T00:00:00.000Z' },
      previous_spent_micro_usd: '600000',
      window: { start: '2031-05-11T00:00:00.000Z', end: '2031-05-12T00:00:00.000Z' },
    });
    const state = await states.waitFor(
      () => states.byKey(id).find((s) => s?.window_start === '2031-05-11T00:00:00.000Z') ?? undefined,
      'the new window’s state',
    );
    expect(state).toMatchObject({
      spent_micro_usd: '0',
      status: 'ok',
      window_end: '2031-05-12T00:00:00.000Z',
    });
    clock.at = null;
  });

  it('keeps budgets across a restart without announcing anything twice', async () => {
    await sleep(1_500); // let the re-checks after the clock moved settle and reach the test's consumer
    const before = await list(ledger);
    const announced = (): string[][] => created.map((b) => facts(events.byKey(b.budget_id)));
    const factsBefore = announced();
    expect(factsBefore.flat()).toContain('budget.exhausted');
    await ledger.close();
    ledger = await startLedger(dbUrl, clock);
    await sleep(1_500); // several re-checks after the restart
    const after = await list(ledger);
    expect(after.map((b) => b.budget_id)).toEqual(before.map((b) => b.budget_id));
    expect(announced()).toEqual(factsBefore);
  });

  it('rebuilds every budget definition from kt.budget-events.v1 into an empty database', async () => {
    // A budget already past 80 % of today when the database is lost.
    clock.at = Date.parse('2031-05-11T00:00:02.000Z');
    const rebuildTeam = `${team}-rebuild`;
    const made = await post(ledger, {
      scope_kind: 'team',
      scope_value: rebuildTeam,
      period: 'daily',
      limit_usd: '1',
    });
    const id = (made.json as BudgetView).budget_id;
    const today = { hour: new Date('2031-05-11T00:00:00.000Z'), team: rebuildTeam, cost: 900_000n };
    await addSpend(ledger.ds, today);
    await events.waitFor(() => (facts(events.byKey(id)).length >= 2 ? true : undefined), '50 and 80 %');
    const live = await list(ledger);
    await ledger.close();

    ledger = await startLedger(await createDatabase(), clock);
    const strip = (b: BudgetView): Omit<BudgetView, 'state'> => {
      const { state: _state, ...definition } = b;
      return definition;
    };
    const rebuiltDs = ledger.ds;
    const deadline = Date.now() + 20_000;
    let rebuilt = await list(ledger);
    while (!live.every((b) => rebuilt.some((r) => r.budget_id === b.budget_id)) && Date.now() < deadline) {
      await sleep(200);
      rebuilt = await list(ledger);
    }
    // The topic also holds budgets of earlier runs; this run's must all be back, unchanged.
    const byId = new Map(rebuilt.map((b) => [b.budget_id, strip(b)]));
    for (const budget of live) expect(byId.get(budget.budget_id)).toEqual(strip(budget));

    // The projection rebuilds today's spend; what the log says was announced is not announced again.
    await addSpend(rebuiltDs, today);
    ledger.spendApplied.emit({ hours: [today.hour.toISOString()], events: 1 });
    await states.waitFor(
      () => (states.byKey(id).at(-1)?.spent_micro_usd === '900000' ? true : undefined),
      'the rebuilt state',
    );
    await sleep(1_000);
    expect(facts(events.byKey(id))).toEqual(['crossed 50', 'crossed 80']);
  });
});
