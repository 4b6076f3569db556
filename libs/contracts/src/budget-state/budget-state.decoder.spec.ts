import { describe, expect, it } from 'vitest';
import { budgetState } from '../fixtures/events.fixture.js';
import { mutate } from '../fixtures/record-mutator.fixture.js';
import { decodeBudgetState } from './budget-state.decoder.js';

describe('decodeBudgetState', () => {
  it.each([
    ['an overspent monthly budget with a negative remainder', budgetState],
    [
      'a total budget with no window end',
      { ...budgetState, period: 'total', window_end: null, status: 'ok' },
    ],
    [
      'a deleted budget kept as a value',
      { ...budgetState, deleted: true, scope: { kind: 'global', value: null } },
    ],
  ])('decodes %s', (_name, state) => {
    expect(decodeBudgetState(Buffer.from(JSON.stringify(state)))).toEqual({ ok: true, value: state });
  });

  it.each([
    ['a null value', null],
    ['an empty buffer', Buffer.alloc(0)],
    ['an empty string', ''],
  ])('reads %s as a tombstone', (_name, input) => {
    expect(decodeBudgetState(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      'a monthly budget without a window end',
      mutate(budgetState, 'window_end', null),
      'window_end: expected a timestamp for a monthly budget, got null',
    ],
    [
      'a total budget with a window end',
      mutate(budgetState, 'period', 'total'),
      'window_end: expected null for a total budget, got a string',
    ],
    [
      'an unknown status',
      mutate(budgetState, 'status', 'critical'),
      'status: expected one of "ok", "warning", "exhausted", got a string',
    ],
    [
      'a remainder that is not money',
      mutate(budgetState, 'remaining_micro_usd', '-1.5'),
      'remaining_micro_usd: expected an integer micro-USD string like "1234", got a string',
    ],
    [
      'a negative utilisation',
      mutate(budgetState, 'utilisation_pct', -1),
      'utilisation_pct: expected a number >= 0, got -1',
    ],
    [
      'deleted missing',
      mutate(budgetState, 'deleted', undefined),
      'deleted: expected a boolean, got missing',
    ],
  ])('refuses %s', (_name, record, reason) => {
    expect(decodeBudgetState(record)).toEqual({ ok: false, reason });
  });
});
