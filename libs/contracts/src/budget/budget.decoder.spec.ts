import { describe, expect, it } from 'vitest';
import { budgetEvents } from '../fixtures/events.fixture.js';
import { mutate, REMOVE } from '../fixtures/record-mutator.fixture.js';
import { decodeBudgetEvent } from './budget.decoder.js';
import { DEFAULT_THRESHOLDS_PCT } from './budget.definition.js';

const [defined, updated, , crossed, exhausted, reset] = budgetEvents;

describe('decodeBudgetEvent', () => {
  it.each(budgetEvents.map((event) => [event.type, event] as const))('decodes %s', (_type, event) => {
    expect(decodeBudgetEvent(Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, value: event });
  });

  it('fills the default thresholds when a definition has none', () => {
    const result = decodeBudgetEvent(mutate(defined, 'thresholds_pct', REMOVE));
    expect(result.ok && result.value.type === 'budget.defined' && result.value.thresholds_pct).toEqual(
      DEFAULT_THRESHOLDS_PCT,
    );
  });

  it('leaves name out when it is absent', () => {
    const result = decodeBudgetEvent(updated);
    expect(result.ok).toBe(true);
    expect(result.ok && 'name' in result.value).toBe(false);
  });

  it.each([
    [
      'a global scope with a value',
      mutate(updated, 'scope.value', 'all'),
      'scope.value: expected null for a global scope, got a string',
    ],
    [
      'a team scope without a value',
      mutate(defined, 'scope', { kind: 'team', value: null }),
      'scope.value: expected a non-empty string, got null',
    ],
    [
      'an unknown scope kind',
      mutate(defined, 'scope.kind', 'project'),
      'scope.kind: expected one of "provider", "target", "group", "team", "key", "global", got a string',
    ],
    [
      'an unknown period',
      mutate(defined, 'period', 'yearly'),
      'period: expected one of "daily", "weekly", "monthly", "total", got a string',
    ],
    [
      'thresholds out of order',
      mutate(defined, 'thresholds_pct', [80, 50]),
      'thresholds_pct[1]: expected an integer between 81 and 100 (ascending, no repeats), got 50',
    ],
    [
      'a threshold above 100',
      mutate(defined, 'thresholds_pct', [120]),
      'thresholds_pct[0]: expected an integer between 1 and 100 (ascending, no repeats), got 120',
    ],
    [
      'a limit given in dollars',
      mutate(defined, 'limit_micro_usd', '5000.00'),
      'limit_micro_usd: expected a non-negative integer micro-USD string like "1234", got a string',
    ],
    [
      'an unknown action',
      mutate(defined, 'action', 'throttle'),
      'action: expected one of "alert", "block", got a string',
    ],
    [
      'a threshold crossing at 0 %',
      mutate(crossed, 'threshold_pct', 0),
      'threshold_pct: expected an integer between 1 and 100, got 0',
    ],
    [
      'a window without a start',
      mutate(exhausted, 'window.start', REMOVE),
      'window.start: expected an RFC 3339 UTC timestamp ending in Z, got missing',
    ],
    [
      'a reset without its previous window',
      mutate(reset, 'previous_window', REMOVE),
      'previous_window: expected an object, got missing',
    ],
    [
      'an empty name',
      mutate(defined, 'name', ''),
      'name: expected a non-empty string when present, got an empty string',
    ],
    [
      'an unknown type',
      mutate(defined, 'type', 'budget.paused'),
      'unknown type "budget.paused" for schema "kt.budget.v1"',
    ],
  ])('refuses %s', (_name, record, reason) => {
    expect(decodeBudgetEvent(record)).toEqual({ ok: false, reason });
  });
});
