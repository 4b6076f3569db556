import { describe, expect, it } from 'vitest';
import type { ModelGroup, Target } from '@kt/pack';
import type { AttemptPlan } from '@kt/routing';
import { BudgetView } from '../state/budget.view.js';
import { expectRefusal, type Row } from './planner.fixture.js';
import { noRouteRefusal } from './route.refusals.js';

// Refusals when no target can take the request now: breakers, probes, keys, data policy.

const ROWS: readonly Row[] = [
  {
    why: 'every breaker is open',
    model: 'chat',
    open: ['a', 'b'],
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "chat" right now (a: circuit open; b: circuit open)',
    details: undefined,
    planned: { group: 'chat', strategy: 'ordered', circuitOpen: ['a', 'b'] },
  },
  {
    why: 'the prober found every target down (reported as circuit open)',
    model: 'chat',
    down: ['a', 'b'],
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "chat" right now (a: circuit open; b: circuit open)',
    details: undefined,
    planned: { group: 'chat', strategy: 'ordered', circuitOpen: ['a', 'b'] },
  },
  {
    why: "the only target's provider key is not configured",
    model: 'keyed',
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "keyed" right now (k: its provider key is not configured)',
    details: undefined,
    planned: { group: 'keyed', strategy: 'ordered', circuitOpen: [] },
  },
  {
    why: 'one target misses the data policy and the other has its circuit open',
    model: 'mixed',
    zdr: true,
    open: ['z'],
    code: 'no_healthy_target',
    status: 503,
    message: 'No target can serve "mixed" right now (z: circuit open; p: does not meet the data policy)',
    details: undefined,
    planned: { group: 'mixed', strategy: 'ordered', circuitOpen: ['z'] },
  },
];

describe('planRoute availability refusals', () => {
  it.each(ROWS)('refuses when $why: $status $code', expectRefusal);

  it('answers no_healthy_target naming no reason for a plan that skipped nothing', () => {
    const plan = { attempts: [], skipped: [] } as unknown as AttemptPlan<Target, ModelGroup>;
    expect(noRouteRefusal(plan, 'chat', new BudgetView(), undefined, undefined)).toEqual({
      code: 'no_healthy_target',
      message: 'No target can serve "chat" right now ()',
    });
  });
});
