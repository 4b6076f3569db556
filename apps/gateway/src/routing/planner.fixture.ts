import { expect } from 'vitest';
import { parsePack } from '@kt/pack';
import { budgetState } from '../budgets/budget.fixture.js';
import { unavailableBudget } from '../budgets/budget.refusal.js';
import { BudgetView, type BlockingBudget, type RequestScopes } from '../state/budget.view.js';
import { GatewayError } from '../errors/gateway.error.js';
import { TargetHealth } from '../state/target.health.js';
import { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../state/target.stats.js';
import { NO_REQUIREMENT } from './data-policy.requirement.js';
import { planRoute, type PlanInput } from './route.planner.js';

// The planner's table specs (tests only): a pack, a row per situation, and one check of every row.

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
    - name: mixed
      targets: [z, p]
  targets:
    - { id: a, provider: "openai:chat:gpt-5.4-mini" }
    - { id: b, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
    - { id: k, provider: "openai:chat:gpt-5.4-mini", secret_key_ref: { env: PLANNER_TEST_UNSET_KEY } }
    - { id: u, provider: "azure:chat:my-deployment-name" }
    - { id: e, provider: "openai:embeddings:text-embedding-3-small" }
    - id: z
      provider: "openai:chat:gpt-5.4-mini"
      data_policy: { zero_data_retention: true, training_opt_out: true }
    - { id: p, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
`;
export const NOW = Date.parse('2026-11-24T12:00:00Z');
const EXHAUSTED = { status: 'exhausted', remaining_micro_usd: '0', spent_micro_usd: '10000000' } as const;
export const LEASE: BlockingBudget = { budgetId: 'b-lease', scope: 'provider:openai' };

/** What the route event records of the plan, with the skipped targets by id. */
export interface PlannedRow {
  readonly group: string;
  readonly strategy: string;
  readonly circuitOpen: readonly string[];
}

export interface Row {
  readonly why: string;
  readonly model: string;
  readonly kind?: 'chat' | 'embeddings';
  readonly budgets?: readonly [string, string, boolean?][];
  /** A request-wide scope whose budget the ledger cannot check (fail mode closed). */
  readonly unreachable?: 'team' | 'group';
  readonly open?: readonly string[];
  /** Targets the prober found down. */
  readonly down?: readonly string[];
  readonly semantic?: PlanInput['options']['semantic'];
  readonly zdr?: boolean;
  readonly leaseBlocked?: Readonly<Record<string, BlockingBudget>>;
  readonly code: string;
  readonly status: number;
  readonly message: string | RegExp;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly planned: PlannedRow | undefined;
}

/** Budget states as heard, except one request-wide scope whose budget cannot be checked. */
class UnreachableScope extends BudgetView {
  constructor(private readonly unreachable: 'team' | 'group') {
    super();
  }

  override requestBlock(scopes: RequestScopes): BlockingBudget | undefined {
    const value = this.unreachable === 'team' ? scopes.team : scopes.group;
    if (value == null) return super.requestBlock(scopes);
    const scope = `${this.unreachable}:${value}`;
    return unavailableBudget({ budgetId: `b-${this.unreachable}`, scope });
  }
}

export function input(row: Partial<Row> & { readonly model: string }): PlanInput {
  const result = parsePack(PACK, { source: 'test', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const rt = new PackRuntime(result.pack, {});
  for (const id of row.open ?? []) rt.breakers.get(id).onFailure(NOW - 1000);
  const health = new TargetHealth();
  for (const targetId of row.down ?? []) {
    health.record({ targetId, ok: false, atMs: NOW - 1000, latencyMs: 0, errorKind: 'timeout', source: 'p' });
  }
  const budgets = row.unreachable ? new UnreachableScope(row.unreachable) : new BudgetView();
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
    health,
    stats: new TargetStats(),
    nowMs: NOW,
    random: () => 0,
    ...(row.leaseBlocked && { leaseBlocked: new Map(Object.entries(row.leaseBlocked)) }),
  };
}

/** Plans the row and checks the whole refusal: answer, details, and what the event records. */
export function expectRefusal(row: Row): void {
  const result = planRoute(input(row));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const error = GatewayError.of(result.refusal);
  expect(error.code).toBe(row.code);
  expect(error.status).toBe(row.status);
  if (typeof row.message === 'string') expect(error.message).toBe(row.message);
  else expect(error.message).toMatch(row.message);
  expect(result.refusal.details).toEqual(row.details);
  const planned = result.planned && {
    group: result.planned.group,
    strategy: result.planned.strategy,
    circuitOpen: result.planned.circuitOpen.map((t) => t.id),
  };
  expect(planned).toEqual(row.planned);
  if (result.planned) expect(result.planned.nowMs).toBe(NOW);
}
