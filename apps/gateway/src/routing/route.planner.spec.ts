import { describe, expect, it } from 'vitest';
import { parsePack } from '@kt/pack';
import { budgetState } from '../budgets/budget.fixtures.js';
import { unavailableBudget } from '../budgets/budget.refusal.js';
import { BudgetView, type BlockingBudget } from '../budgets/budget.view.js';
import { GatewayError } from '../errors/gateway.error.js';
import { TargetHealth } from '../health/target.health.js';
import { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../runtime/target.stats.js';
import { NO_REQUIREMENT } from './data-policy.requirement.js';
import { planRoute, type PlanInput } from './route.planner.js';

const PACK = `
pack: { name: planner-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  circuit_breaker: { failure_threshold: 1, cooldown_seconds: 30 }
  model_groups:
    - name: chat
      targets: [a, b]
    - name: keyed
      targets: [k]
    - name: unpriced
      targets: [u]
    - name: embed
      targets: [e]
  targets:
    - { id: a, provider: "openai:chat:gpt-5.4-mini" }
    - { id: b, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
    - { id: k, provider: "openai:chat:gpt-5.4-mini", secret_key_ref: { env: PLANNER_TEST_UNSET_KEY } }
    - { id: u, provider: "azure:chat:my-deployment-name" }
    - { id: e, provider: "openai:embeddings:text-embedding-3-small" }
`;
const NOW = Date.parse('2026-11-24T12:00:00Z');
const EXHAUSTED = { status: 'exhausted', remaining_micro_usd: '0', spent_micro_usd: '10000000' } as const;

function runtime(): PackRuntime {
  const result = parsePack(PACK, { source: 'test', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return new PackRuntime(result.pack, {});
}

interface Row {
  readonly why: string;
  readonly model: string;
  readonly kind?: 'chat' | 'embeddings';
  readonly budgets?: readonly [string, string, boolean?][];
  readonly open?: readonly string[];
  readonly semantic?: PlanInput['options']['semantic'];
  readonly zdr?: boolean;
  readonly leaseBlocked?: Readonly<Record<string, BlockingBudget>>;
  readonly code: string;
  readonly status: number;
  readonly message: string | RegExp;
}

function input(row: Row): PlanInput {
  const rt = runtime();
  for (const id of row.open ?? []) rt.breakers.get(id).onFailure(NOW - 1000);
  const budgets = new BudgetView();
  for (const [id, scope, exhausted] of row.budgets ?? []) {
    budgets.apply(id, budgetState(id, scope, exhausted === false ? {} : EXHAUSTED));
  }
  return {
    runtime: rt,
    model: row.model,
    kind: row.kind ?? 'chat',
    options: {
      ...(row.semantic && { semantic: row.semantic }),
      ...(row.zdr && { dataPolicy: { ...NO_REQUIREMENT, requireZeroDataRetention: true } }),
    },
    caller: { key_id: 'key-1', team: 'qa' },
    budgets,
    health: new TargetHealth(),
    stats: new TargetStats(),
    nowMs: NOW,
    random: () => 0,
    ...(row.leaseBlocked && { leaseBlocked: new Map(Object.entries(row.leaseBlocked)) }),
  };
}

const LEASE: BlockingBudget = { budgetId: 'b-lease', scope: 'provider:openai' };

const ROWS: readonly Row[] = [
  {
    why: 'an unknown model',
    model: 'nope',
    code: 'model_not_found',
    status: 404,
    message: 'The model "nope" does not exist here. Available models: chat, keyed, unpriced, embed',
  },
  {
    why: "the caller's team budget is exhausted",
    model: 'chat',
    budgets: [['b-team', 'team:qa']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-team (team:qa) is exhausted; nothing was sent upstream',
  },
  {
    why: "the planned group's budget is exhausted",
    model: 'chat',
    budgets: [['b-group', 'group:chat']],
    code: 'budget_exceeded',
    status: 402,
    message: 'Budget b-group (group:chat) is exhausted; nothing was sent upstream',
  },
  {
    why: 'an embeddings group asked for chat',
    model: 'embed',
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "embed" is a embeddings model group and cannot serve chat completions',
  },
  {
    why: 'a chat group asked for embeddings',
    model: 'chat',
    kind: 'embeddings',
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "chat" is a chat model group and cannot serve embeddings',
  },
  {
    why: 'no target meets the data policy the request requires',
    model: 'chat',
    zdr: true,
    code: 'data_policy_violation',
    status: 422,
    message: /^No target of "chat" meets the required data policy \(.+\); nothing was sent upstream$/,
  },
  {
    why: "a semantic route's group cannot serve the request's kind",
    model: 'chat',
    semantic: { route: 'vectors', group: 'embed' },
    code: 'invalid_request_error',
    status: 400,
    message: 'The model "chat" is a embeddings model group and cannot serve chat completions',
  },
  {
    why: "a semantic route's group does not exist",
    model: 'chat',
    semantic: { route: 'gone', group: 'missing' },
    code: 'model_not_found',
    status: 404,
    message: /^The model "chat" does not exist here/,
  },
  {
    why: 'every breaker is open',
    model: 'chat',
    open: ['a', 'b'],
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "chat" right now (a: circuit open; b: circuit open)',
  },
  {
    why: "the only target's provider key is not configured",
    model: 'keyed',
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "keyed" right now (k: its provider key is not configured)',
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
  },
  {
    why: 'the ledger cannot be asked and budgets fail closed',
    model: 'keyed',
    leaseBlocked: { k: unavailableBudget(LEASE) },
    code: 'budget_unavailable',
    status: 503,
    message: /^The budget service is unavailable, so budget b-lease \(provider:openai\) cannot be checked/,
  },
  {
    why: 'an unpriced target under a block budget',
    model: 'unpriced',
    budgets: [['b-global', 'global', false]],
    code: 'budget_exceeded',
    status: 402,
    message: /^Target u has no price, so block budget b-global \(global\) cannot hold it/,
  },
];

describe('planRoute refusals', () => {
  it.each(ROWS)('refuses when $why: $status $code', (row) => {
    const result = planRoute(input(row));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = GatewayError.of(result.refusal);
    expect(error.code).toBe(row.code);
    expect(error.status).toBe(row.status);
    if (typeof row.message === 'string') expect(error.message).toBe(row.message);
    else expect(error.message).toMatch(row.message);
  });
});

describe('planRoute plans', () => {
  it('plans the targets in order and names the breakers it passed over', () => {
    const result = planRoute(
      input({ why: 'ok', model: 'chat', open: ['a'], code: '', status: 0, message: '' }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.attempts.map((t) => t.id)).toEqual(['b']);
    expect(result.planned).toMatchObject({ group: 'chat', strategy: 'ordered' });
    expect(result.planned.circuitOpen.map((t) => t.id)).toEqual(['a']);
  });

  it('records the group even when its budget then refuses, but no skipped attempt', () => {
    const row = { why: '', model: 'chat', open: ['a'], code: '', status: 0, message: '' };
    const result = planRoute(input({ ...row, budgets: [['b', 'group:chat']] }));
    expect(result.ok).toBe(false);
    expect(result.planned?.group).toBe('chat');
    expect(result.planned?.circuitOpen).toEqual([]);
  });

  it('records the breakers it passed over when the group cannot serve the kind', () => {
    const row = {
      why: '',
      model: 'chat',
      kind: 'embeddings' as const,
      open: ['a'],
      code: '',
      status: 0,
      message: '',
    };
    const result = planRoute(input(row));
    expect(result.ok).toBe(false);
    expect(result.planned?.circuitOpen.map((t) => t.id)).toEqual(['a']);
  });
});
