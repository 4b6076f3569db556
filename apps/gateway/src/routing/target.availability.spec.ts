import { describe, expect, it } from 'vitest';
import { parsePack, type Pack, type Target } from '@kt/pack';
import { CircuitBreaker } from '@kt/routing';
import { BudgetView } from '../state/budget.view.js';
import { budgetState } from '../budgets/budget.fixture.js';
import { TargetHealth } from '../state/target.health.js';
import { NO_REQUIREMENT } from './data-policy.requirement.js';
import { availability, requestRequirement } from './target.availability.js';

const PACK = `
pack: { name: availability-test, version: "1.0.0", enabled: true }
providers:
  model_groups:
    - name: private
      aliases: [private-alias]
      data_policy: { require_zero_data_retention: true }
      targets: [zdr]
    - name: short
      data_policy: { max_retention_days: 30 }
      targets: [zdr]
    - name: open
      targets: [plain, zdr]
  targets:
    - { id: zdr, provider: "openai:chat:gpt-5.4-mini", data_policy: { zero_data_retention: true, training_opt_out: true } }
    - { id: plain, provider: "azure:chat:gpt-5.4-mini" }
    - { id: keyless, provider: "anthropic:chat:claude-3-5-sonnet-20241022", secret_key_ref: { env: TEST_UNSET_KEY } }
`;

function pack(): Pack {
  const result = parsePack(PACK, { env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

describe('requestRequirement', () => {
  it.each([
    ['a plain group without a header asks for nothing', 'open', {}, NO_REQUIREMENT],
    [
      'a group alias carries the group policy',
      'private-alias',
      {},
      { ...NO_REQUIREMENT, requireZeroDataRetention: true },
    ],
    [
      'the header adds to the group policy',
      'short',
      { dataPolicy: { ...NO_REQUIREMENT, requireNoTraining: true } },
      { requireZeroDataRetention: false, requireNoTraining: true, maxRetentionDays: 30 },
    ],
    [
      'a semantic route to another group adds that group’s policy',
      'open',
      { semantic: { group: 'private' } },
      { ...NO_REQUIREMENT, requireZeroDataRetention: true },
    ],
  ])('%s', (_name, model, options, expected) => {
    expect(requestRequirement(pack(), model, options)).toEqual(expected);
  });
});

describe('availability', () => {
  const zdrOnly = { ...NO_REQUIREMENT, requireZeroDataRetention: true };
  const target = (id: string): Target => pack().targetsById.get(id)!;
  const closed = (): CircuitBreaker =>
    new CircuitBreaker({ failureThreshold: 1, cooldownSeconds: 30, halfOpenMaxRequests: 1 });
  const open = (): CircuitBreaker => {
    const breaker = closed();
    breaker.onFailure(0);
    return breaker;
  };
  const down = (): TargetHealth => {
    const health = new TargetHealth();
    health.record({ targetId: 'zdr', ok: false, atMs: 0, latencyMs: 0, errorKind: 'timeout', source: 'p' });
    return health;
  };

  it.each([
    ['a healthy compliant target is available', 'zdr', closed(), new TargetHealth(), zdrOnly, true],
    [
      'a non-compliant target is data_policy, whatever its health',
      'plain',
      open(),
      new TargetHealth(),
      zdrOnly,
      'data_policy',
    ],
    [
      'a target without its key is missing_secret',
      'keyless',
      closed(),
      new TargetHealth(),
      NO_REQUIREMENT,
      'missing_secret',
    ],
    ['a target whose probes fail is circuit_open', 'zdr', closed(), down(), NO_REQUIREMENT, 'circuit_open'],
    [
      'a target whose breaker is open is circuit_open',
      'zdr',
      open(),
      new TargetHealth(),
      NO_REQUIREMENT,
      'circuit_open',
    ],
  ] as const)('%s', (_name, id, breaker, health, requirement, expected) => {
    expect(availability(target(id), breaker, health, requirement, 1000)).toBe(expected);
  });

  const blocked = (scope: string, action: 'block' | 'alert' = 'block'): BudgetView => {
    const view = new BudgetView();
    view.apply('b1', budgetState('b1', scope, { action, status: 'exhausted' }));
    return view;
  };

  it.each([
    [
      'an exhausted block budget of its provider makes it budget_blocked',
      'zdr',
      blocked('provider:openai'),
      'budget_blocked',
    ],
    [
      'an exhausted block budget of the target makes it budget_blocked',
      'plain',
      blocked('target:plain'),
      'budget_blocked',
    ],
    ['an exhausted alert budget leaves it available', 'zdr', blocked('provider:openai', 'alert'), true],
    ['another provider’s exhausted budget leaves it available', 'plain', blocked('provider:openai'), true],
    [
      'a missing key still reads missing_secret first',
      'keyless',
      blocked('provider:anthropic'),
      'missing_secret',
    ],
  ] as const)('%s', (_name, id, budgets, expected) => {
    expect(availability(target(id), closed(), new TargetHealth(), NO_REQUIREMENT, 1000, budgets)).toBe(
      expected,
    );
  });
});
