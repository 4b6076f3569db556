import { describe, expect, it } from 'vitest';
import type { BudgetState } from '@kt/contracts';
import { budgetState } from '../budgets/budget.fixture.js';
import { BudgetView } from './budget.view.js';

const OPENAI = { id: 'openai-main', vendor: 'openai' };
const AZURE = { id: 'azure-secondary', vendor: 'azure' };
const exhausted = { status: 'exhausted', spent_micro_usd: '10000001', remaining_micro_usd: '-1' } as const;

function view(...states: readonly BudgetState[]): BudgetView {
  const budgets = new BudgetView();
  for (const state of states) budgets.apply(state.budget_id, state);
  return budgets;
}

describe('BudgetView', () => {
  it.each([
    [
      'an exhausted block budget of the provider blocks it',
      [budgetState('b1', 'provider:openai', exhausted)],
      'b1',
    ],
    [
      'an exhausted block budget of the target blocks it',
      [budgetState('b1', 'target:openai-main', exhausted)],
      'b1',
    ],
    [
      'an exhausted alert budget never blocks',
      [budgetState('b1', 'provider:openai', { ...exhausted, action: 'alert' })],
      undefined,
    ],
    [
      'a warning block budget does not block yet',
      [budgetState('b1', 'provider:openai', { status: 'warning' })],
      undefined,
    ],
    [
      'another provider’s budget does not cover it',
      [budgetState('b1', 'provider:azure', exhausted)],
      undefined,
    ],
    [
      'one exhausted block budget among several of the scope blocks',
      [budgetState('b1', 'provider:openai'), budgetState('b2', 'provider:openai', exhausted)],
      'b2',
    ],
  ])('%s', (_name, states, blockedBy) => {
    expect(view(...states).targetBlock(OPENAI)?.budgetId).toBe(blockedBy);
  });

  it.each([
    ['global', {}, 'b1'],
    ['team:finance', { team: 'finance' }, 'b1'],
    ['team:finance', { team: 'qa' }, undefined],
    ['key:k1', { keyId: 'k1' }, 'b1'],
    ['group:production-llm', { group: 'production-llm' }, 'b1'],
    ['provider:openai', { team: 'finance', keyId: 'k1', group: 'g' }, undefined],
  ])('an exhausted block budget of %s refuses %o: %s', (scope, scopes, blockedBy) => {
    expect(view(budgetState('b1', scope, exhausted)).requestBlock(scopes)?.budgetId).toBe(blockedBy);
  });

  it('names the blocking budget and its scope', () => {
    expect(view(budgetState('b1', 'team:finance', exhausted)).requestBlock({ team: 'finance' })).toEqual({
      budgetId: 'b1',
      scope: 'team:finance',
    });
  });

  it.each([
    ['a tombstone', null],
    ['a deleted state', budgetState('b1', 'provider:openai', { ...exhausted, deleted: true })],
    ['a state back to ok', budgetState('b1', 'provider:openai')],
  ])('unblocks after %s', (_name, next) => {
    const budgets = view(budgetState('b1', 'provider:openai', exhausted));
    budgets.apply('b1', next);
    expect(budgets.targetBlock(OPENAI)).toBeUndefined();
    expect(budgets.size).toBe(next === null || next.deleted ? 0 : 1);
  });

  it.each([
    ['no budget covers it', [], undefined],
    [
      'its provider budget’s remainder',
      [budgetState('b1', 'provider:openai', { remaining_micro_usd: '700' })],
      700n,
    ],
    [
      'the smallest of its provider and target budgets',
      [
        budgetState('b1', 'provider:openai', { remaining_micro_usd: '700' }),
        budgetState('b2', 'target:openai-main', { remaining_micro_usd: '300' }),
        budgetState('b3', 'team:qa', { remaining_micro_usd: '1' }),
      ],
      300n,
    ],
    ['a negative remainder once overspent', [budgetState('b1', 'target:openai-main', exhausted)], -1n],
  ])('headroom is %s', (_name, states, headroom) => {
    expect(view(...states).headroom(OPENAI)).toBe(headroom);
  });

  it.each([
    ['none without budgets', [], 'none'],
    [
      'the worst of provider and target budgets',
      [budgetState('b1', 'provider:openai', { status: 'warning' }), budgetState('b2', 'target:openai-main')],
      'warning',
    ],
    [
      'exhausted for an exhausted alert budget too',
      [budgetState('b1', 'target:openai-main', { ...exhausted, action: 'alert' })],
      'exhausted',
    ],
  ])('target status is %s', (_name, states, status) => {
    expect(view(...states).targetStatus(OPENAI)).toBe(status);
    expect(view(...states).targetStatus(AZURE)).toBe('none');
  });

  it.each([
    ['global applies to everyone', ['global'], {}, ['b0']],
    [
      'the caller’s team and key, and the planned group',
      ['team:qa', 'key:k1', 'group:g'],
      { team: 'qa', keyId: 'k1', group: 'g' },
      ['b0', 'b1', 'b2'],
    ],
    ['another team’s budget does not apply', ['team:finance'], { team: 'qa' }, []],
    ['provider budgets are not request-wide', ['provider:openai'], { team: 'qa' }, []],
  ])('request block budgets: %s', (_name, scopes, request, ids) => {
    const budgets = view(...scopes.map((scope, i) => budgetState(`b${i}`, scope)));
    expect(budgets.requestBlockBudgets(request).map((b) => b.budgetId)).toEqual(ids);
  });

  it.each([
    ['none when no budget covers the target', [], []],
    ['the provider’s block budget', ['provider:openai'], ['b0']],
    ['the target’s own block budget', ['target:openai-main'], ['b0']],
    ['both, provider first', ['target:openai-main', 'provider:openai'], ['b1', 'b0']],
    ['not another provider’s or target’s', ['provider:azure', 'target:azure-secondary'], []],
    ['not request-wide budgets', ['global', 'group:g'], []],
  ])('target block budgets: %s', (_name, scopes, ids) => {
    const budgets = view(...scopes.map((scope, i) => budgetState(`b${i}`, scope)));
    expect(budgets.targetBlockBudgets(OPENAI).map((b) => b.budgetId)).toEqual(ids);
  });

  it('leases no alert budget of a target', () => {
    const budgets = view(budgetState('alert', 'provider:openai', { action: 'alert' }));
    expect(budgets.targetBlockBudgets(OPENAI)).toEqual([]);
  });

  it('leases alert budgets never, exhausted block budgets still', () => {
    const budgets = view(
      budgetState('alert', 'global', { action: 'alert' }),
      budgetState('spent', 'global', exhausted),
    );
    expect(budgets.requestBlockBudgets({}).map((b) => b.budgetId)).toEqual(['spent']);
  });
});
