import { describe, expect, it } from 'vitest';
import type { BudgetDefinition, BudgetEvent } from '@kt/contracts';
import { evaluateBudget, sameState, type BudgetTracking } from './budget.evaluation.js';
import { windowAt } from './budget.window.js';

const MARCH_10 = Date.parse('2025-03-10T12:00:00.000Z');
const APRIL_2 = Date.parse('2025-04-02T00:30:00.000Z');
const definition: BudgetDefinition = {
  budget_id: 'b-openai',
  scope: { kind: 'provider', value: 'openai' },
  period: 'monthly',
  limit_micro_usd: '1000000',
  thresholds_pct: [50, 80, 100],
  action: 'alert',
};

function run(spent: bigint, previous?: BudgetTracking, nowMs = MARCH_10, def = definition) {
  let n = 0;
  return evaluateBudget({
    definition: def,
    window: windowAt(def.period, nowMs),
    spent,
    previous,
    nowMs,
    newEventId: () => `00000000-0000-4000-8000-00000000000${++n}`,
  });
}

const kinds = (events: readonly BudgetEvent[]): string[] =>
  events.map((e) => (e.type === 'budget.threshold_crossed' ? `crossed ${e.threshold_pct}` : e.type));

describe('evaluateBudget', () => {
  it.each<[string, bigint, string[], string]>([
    ['given nothing spent, announces nothing and reports ok', 0n, [], 'ok'],
    ['given 49.9999 %, stays below the first threshold', 499_999n, [], 'ok'],
    ['given exactly 50 %, announces the 50 % crossing', 500_000n, ['crossed 50'], 'warning'],
    ['given 85 %, announces 50 and 80 in one go', 850_000n, ['crossed 50', 'crossed 80'], 'warning'],
    [
      'given the limit reached, announces every threshold and exhaustion',
      1_000_000n,
      ['crossed 50', 'crossed 80', 'crossed 100', 'budget.exhausted'],
      'exhausted',
    ],
  ])('%s', (_name, spent, expected, status) => {
    const result = run(spent);
    expect(kinds(result.events)).toEqual(expected);
    expect(result.state.status).toBe(status);
  });

  it('when spend grows past 80 % after 50 % was announced, announces only 80 %', () => {
    const first = run(600_000n);
    const second = run(810_000n, first.tracking);
    expect(kinds(second.events)).toEqual(['crossed 80']);
    expect(second.tracking.crossed).toEqual([50, 80]);
  });

  it('when nothing new is crossed, announces nothing again', () => {
    const first = run(1_200_000n);
    expect(kinds(run(1_300_000n, first.tracking).events)).toEqual([]);
  });

  it('when the month rolls over, resets with the previous window and spend, then starts afresh', () => {
    const march = run(900_000n);
    const april = run(0n, march.tracking, APRIL_2);
    expect(april.events).toEqual([
      {
        schema: 'kt.budget.v1',
        type: 'budget.reset',
        event_id: '00000000-0000-4000-8000-000000000001',
        occurred_at: '2025-04-02T00:30:00.000Z',
        budget_id: 'b-openai',
        previous_window: { start: '2025-03-01T00:00:00.000Z', end: '2025-04-01T00:00:00.000Z' },
        previous_spent_micro_usd: '900000',
        window: { start: '2025-04-01T00:00:00.000Z', end: '2025-05-01T00:00:00.000Z' },
      },
    ]);
    expect(april.tracking.crossed).toEqual([]);
    expect(april.state.status).toBe('ok');
  });

  it('when a new window is already over 50 %, resets and announces 50 % again', () => {
    const march = run(600_000n);
    expect(kinds(run(500_000n, march.tracking, APRIL_2).events)).toEqual(['budget.reset', 'crossed 50']);
  });

  it('announces a threshold at most once per window, even when a raised limit lets spend cross it again', () => {
    const first = run(600_000n);
    const raised = { ...definition, limit_micro_usd: '2000000' };
    const under = run(600_000n, first.tracking, MARCH_10, raised);
    expect(under.state.status).toBe('ok');
    expect(under.tracking.crossed).toEqual([50]);
    expect(kinds(run(1_000_000n, under.tracking, MARCH_10, raised).events)).toEqual([]);
  });

  it('given crossings already on the log for this window, does not announce them again', () => {
    let n = 0;
    const result = evaluateBudget({
      definition,
      window: windowAt('monthly', MARCH_10),
      spent: 1_100_000n,
      previous: undefined,
      logged: { crossed: [50, 80], exhausted: false },
      nowMs: MARCH_10,
      newEventId: () => `00000000-0000-4000-8000-00000000000${++n}`,
    });
    expect(kinds(result.events)).toEqual(['crossed 100', 'budget.exhausted']);
    expect(result.tracking).toMatchObject({ crossed: [50, 80, 100], exhausted: true });
  });

  it('states remaining headroom, utilisation and the action, overspent included', () => {
    const { state } = run(1_250_000n, undefined, MARCH_10, { ...definition, action: 'block' });
    expect(state).toMatchObject({
      spent_micro_usd: '1250000',
      remaining_micro_usd: '-250000',
      utilisation_pct: 125,
      action: 'block',
      window_start: '2025-03-01T00:00:00.000Z',
      window_end: '2025-04-01T00:00:00.000Z',
      deleted: false,
    });
  });

  it('keeps an alert budget an alert budget when exhausted', () => {
    const result = run(2_000_000n);
    expect(result.state.action).toBe('alert');
    expect(result.events.at(-1)).toMatchObject({ type: 'budget.exhausted', action: 'alert' });
  });

  it('gives a total budget an open window and never resets it', () => {
    const total = { ...definition, period: 'total' as const };
    const first = run(100n, undefined, MARCH_10, total);
    const later = run(200n, first.tracking, APRIL_2, total);
    expect(first.state.window_end).toBeNull();
    expect(kinds(later.events)).toEqual([]);
  });

  it('treats two states that differ only in updated_at as the same', () => {
    const a = run(10n).state;
    expect(sameState(a, { ...a, updated_at: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameState(a, run(11n).state)).toBe(false);
    expect(sameState(undefined, a)).toBe(false);
  });
});
