import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreateBudgetDto } from './create-budget.dto.js';
import { UpdateBudgetDto } from './update-budget.dto.js';

const valid = { scope_kind: 'team', scope_value: 'finance', period: 'monthly', limit_usd: '5000' };

function problems<T extends object>(cls: new () => T, body: object): string[] {
  const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property).sort();
}

describe('CreateBudgetDto', () => {
  it.each<[string, object]>([
    ['a team budget', valid],
    ['a global budget without a value', { scope_kind: 'global', period: 'total', limit_usd: '1' }],
    ['a limit given as a JSON number', { ...valid, limit_usd: 12.5 }],
    ['a limit with six decimals', { ...valid, limit_usd: '0.000001' }],
    [
      'explicit thresholds, action and name',
      { ...valid, thresholds_pct: [25, 75, 100], action: 'block', name: 'F' },
    ],
  ])('accepts %s', (_name, body) => {
    expect(problems(CreateBudgetDto, body)).toEqual([]);
  });

  it.each<[string, object, string[]]>([
    ['a zero limit', { ...valid, limit_usd: '0' }, ['limit_usd']],
    ['a zero limit with decimals', { ...valid, limit_usd: '0.000' }, ['limit_usd']],
    ['a negative limit', { ...valid, limit_usd: '-5' }, ['limit_usd']],
    ['more than six decimals', { ...valid, limit_usd: '1.0000001' }, ['limit_usd']],
    ['a team scope without a value', { ...valid, scope_value: undefined }, ['scope_value']],
    ['an empty scope value', { ...valid, scope_value: '' }, ['scope_value']],
    ['an unknown scope', { ...valid, scope_kind: 'project' }, ['scope_kind']],
    ['an unknown period', { ...valid, period: 'yearly' }, ['period']],
    ['thresholds out of order', { ...valid, thresholds_pct: [80, 50] }, ['thresholds_pct']],
    ['a threshold above 100', { ...valid, thresholds_pct: [50, 101] }, ['thresholds_pct']],
    ['a fractional threshold', { ...valid, thresholds_pct: [12.5] }, ['thresholds_pct']],
    ['no thresholds at all', { ...valid, thresholds_pct: [] }, ['thresholds_pct']],
    ['an unknown action', { ...valid, action: 'throttle' }, ['action']],
    ['an unknown field', { ...valid, owner: 'me' }, ['owner']],
    ['a scope value holding U+0000', { ...valid, scope_value: 'fin\u0000' }, ['scope_value']],
    ['a name with an unpaired surrogate', { ...valid, name: 'F\ud800' }, ['name']],
  ])('refuses %s', (_name, body, fields) => {
    expect(problems(CreateBudgetDto, body)).toEqual(fields);
  });
});

describe('UpdateBudgetDto', () => {
  it('accepts a partial change', () => {
    expect(problems(UpdateBudgetDto, { limit_usd: '7500', action: 'block' })).toEqual([]);
  });

  it('refuses a change of scope', () => {
    expect(problems(UpdateBudgetDto, { scope_kind: 'global' })).toEqual(['scope_kind']);
  });
});
