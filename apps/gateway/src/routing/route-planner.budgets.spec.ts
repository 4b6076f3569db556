import { describe, it } from 'vitest';
import { unavailableBudget } from '../budgets/budget.refusal.js';
import { expectRefusal, LEASE, type PlannedRow, type Row } from './planner.fixture.js';

// Every refusal a budget makes while planning: request-wide (before a group is planned, and for the
// planned group), per target, through a lease, and when the budget service cannot be asked.

const CHAT: PlannedRow = { group: 'chat', strategy: 'ordered', circuitOpen: [] };
const UNAVAILABLE = { eventCode: 'no_healthy_target', retryAfterSeconds: 5 };
const unavailable = (id: string, scope: string): RegExp =>
  new RegExp(`^The budget service is unavailable, so budget ${id} \\(${scope}\\) cannot be checked`);

const ROWS: readonly Row[] = [
  {
    why: "the caller's team budget is exhausted",
    model: 'chat',
    budgets: [['b-team', 'team:qa']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-team (team:qa) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: undefined,
  },
  {
    why: "the caller's key budget is exhausted",
    model: 'chat',
    budgets: [['b-key', 'key:key-1']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-key (key:key-1) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: undefined,
  },
  {
    why: "the team's budget cannot be checked and budgets fail closed",
    model: 'chat',
    unreachable: 'team',
    code: 'budget_unavailable',
    status: 503,
    message: unavailable('b-team', 'team:qa'),
    details: UNAVAILABLE,
    planned: undefined,
  },
  {
    why: "the planned group's budget is exhausted",
    model: 'chat',
    budgets: [['b-group', 'group:chat']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-group (group:chat) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: CHAT,
  },
  {
    why: "the planned group's budget cannot be checked and budgets fail closed",
    model: 'chat',
    unreachable: 'group',
    code: 'budget_unavailable',
    status: 503,
    message: unavailable('b-group', 'group:chat'),
    details: UNAVAILABLE,
    planned: CHAT,
  },
  {
    why: "every target's provider block budget is exhausted",
    model: 'chat',
    budgets: [
      ['b-openai', 'provider:openai'],
      ['b-anthropic', 'provider:anthropic'],
    ],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-openai (provider:openai) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: CHAT,
  },
  {
    why: "every target's own block budget is exhausted",
    model: 'chat',
    budgets: [
      ['b-a', 'target:a'],
      ['b-b', 'target:b'],
    ],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-a (target:a) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: CHAT,
  },
  {
    why: 'a lease ran out and the rest is budget-blocked',
    model: 'chat',
    budgets: [['b-anthropic', 'provider:anthropic']],
    leaseBlocked: { a: LEASE },
    code: 'budget_exceeded',
    status: 402,
    message:
      'Budget b-lease (provider:openai) has no headroom left for this request; nothing was sent upstream',
    details: undefined,
    planned: CHAT,
  },
  {
    why: 'a budget exhausted per its state blocks a target while another lease ran out',
    model: 'chat',
    budgets: [['b-openai', 'provider:openai']],
    leaseBlocked: { b: { budgetId: 'b-lease', scope: 'provider:anthropic' } },
    code: 'budget_exceeded',
    status: 402,
    message:
      'Budget b-openai (provider:openai) has no headroom left for this request; nothing was sent upstream',
    details: undefined,
    planned: CHAT,
  },
  {
    why: 'the ledger cannot be asked for a lease and budgets fail closed',
    model: 'keyed',
    leaseBlocked: { k: unavailableBudget(LEASE) },
    code: 'budget_unavailable',
    status: 503,
    message: unavailable('b-lease', 'provider:openai'),
    details: UNAVAILABLE,
    planned: { group: 'keyed', strategy: 'ordered', circuitOpen: [] },
  },
  {
    why: 'an unpriced target under a block budget',
    model: 'unpriced',
    budgets: [['b-global', 'global', false]],
    code: 'budget_exceeded',
    status: 402,
    message: /^Target u has no price, so block budget b-global \(global\) cannot hold it/,
    details: undefined,
    planned: { group: 'unpriced', strategy: 'ordered', circuitOpen: [] },
  },
  {
    why: 'one target is budget-blocked and the other misses the data policy',
    model: 'mixed',
    zdr: true,
    budgets: [['b-openai', 'provider:openai']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-openai (provider:openai) is exhausted; nothing was sent upstream',
    details: undefined,
    planned: { group: 'mixed', strategy: 'ordered', circuitOpen: [] },
  },
  {
    why: 'one target is budget-blocked and the other has its circuit open (waiting may help)',
    model: 'chat',
    budgets: [['b-openai', 'provider:openai']],
    open: ['b'],
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "chat" right now (a: blocked by a budget; b: circuit open)',
    details: undefined,
    planned: { ...CHAT, circuitOpen: ['b'] },
  },
];

describe('planRoute budget refusals', () => {
  it.each(ROWS)('refuses when $why: $status $code', expectRefusal);
});
