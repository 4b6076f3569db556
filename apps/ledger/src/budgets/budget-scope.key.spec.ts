import { describe, expect, it } from 'vitest';
import type { BudgetDefinition } from '@kt/contracts';
import { keyOf, keyParams, liveKeyWhere, lockName, sameKey, sameSettings } from './budget-scope.key.js';

const seed: BudgetDefinition = {
  budget_id: 'a',
  scope: { kind: 'provider', value: 'openai' },
  period: 'monthly',
  limit_micro_usd: '5000000000',
  thresholds_pct: [50, 80, 100],
  action: 'block',
};

describe('the key that makes a budget the same budget', () => {
  it('is scope, period and action; the global scope has no value', () => {
    expect(keyParams(keyOf(seed))).toEqual(['provider', 'openai', 'monthly', 'block']);
    expect(keyParams({ scope: { kind: 'global', value: null }, period: 'total', action: 'alert' })).toEqual([
      'global',
      '',
      'total',
      'alert',
    ]);
    expect(sameKey(keyOf(seed), keyOf({ ...seed, budget_id: 'b', limit_micro_usd: '1' }))).toBe(true);
    expect(sameKey(keyOf(seed), keyOf({ ...seed, action: 'alert' }))).toBe(false);
    expect(sameKey(keyOf(seed), keyOf({ ...seed, scope: { kind: 'provider', value: 'openai2' } }))).toBe(
      false,
    );
  });

  it('names one advisory lock per key, never with a NUL (PostgreSQL text refuses it)', () => {
    const name = lockName(keyOf(seed));
    expect(name).not.toContain('\u0000');
    expect(lockName(keyOf({ ...seed, limit_micro_usd: '1' }))).toBe(name);
    // Values that would collide if merely joined do not.
    const a = lockName({ scope: { kind: 'team', value: 'a","b' }, period: 'daily', action: 'block' });
    const b = lockName({ scope: { kind: 'team', value: 'a' }, period: 'daily', action: 'block' });
    expect(a).not.toBe(b);
  });

  it('filters on the unique index’s own expressions, numbered from the given parameter', () => {
    expect(liveKeyWhere(3)).toBe(
      "NOT deleted AND (definition #>> '{scope,kind}') = $3 AND COALESCE(definition #>> '{scope,value}', '') = $4 " +
        "AND (definition ->> 'period') = $5 AND (definition ->> 'action') = $6",
    );
  });

  it('treats a create as unchanged only with the same limit, thresholds and (when given) name', () => {
    expect(sameSettings(seed, { ...seed, budget_id: 'b' })).toBe(true);
    expect(sameSettings({ ...seed, name: 'OpenAI' }, { ...seed, budget_id: 'b' })).toBe(true);
    expect(sameSettings({ ...seed, name: 'OpenAI' }, { ...seed, name: 'Other' })).toBe(false);
    expect(sameSettings(seed, { ...seed, limit_micro_usd: '6000000000' })).toBe(false);
    expect(sameSettings(seed, { ...seed, thresholds_pct: [80, 100] })).toBe(false);
  });
});
