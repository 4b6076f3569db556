import { parseMicroUsd, type BudgetScope, type BudgetState, type BudgetStatus } from '@kt/contracts';

/** What `GET /v1/targets` shows for a target: the worst status of the budgets covering it. */
export type TargetBudgetStatus = BudgetStatus | 'none';

/** An exhausted `block` budget that refuses traffic, as named in a 402 answer. */
export interface BlockingBudget {
  readonly budgetId: string;
  readonly scope: string;
}

/** The request-wide scopes a caller falls under (`global` always applies). */
export interface RequestScopes {
  readonly team?: string | null;
  readonly keyId?: string | null;
  readonly group?: string | null;
}

/** A target as budgets see it: its id and the vendor part of its provider (`openai`, `azure`…). */
export interface BudgetedTarget {
  readonly id: string;
  readonly vendor: string;
}

/** Precomputed facts of one scope, rebuilt whenever one of its budgets changes. */
interface ScopeSummary {
  readonly blocking: BlockingBudget | undefined;
  /** Every `block` budget of the scope, whatever its status: the ones requests reserve against. */
  readonly blockBudgets: readonly BlockingBudget[];
  readonly headroom: bigint | undefined;
  readonly status: TargetBudgetStatus;
}

const NONE: readonly BlockingBudget[] = [];

const RANK: Readonly<Record<TargetBudgetStatus, number>> = { none: 0, ok: 1, warning: 2, exhausted: 3 };

export function scopeKey(scope: BudgetScope): string {
  return scope.kind === 'global' ? 'global' : `${scope.kind}:${scope.value}`;
}

/**
 * The gateway's picture of `kt.budget-state.v1`: budget id → latest state, summarised per scope so
 * the hot path only does map lookups. Fed by the follower; knows nothing of Kafka.
 */
export class BudgetView {
  private readonly states = new Map<string, BudgetState>();
  private readonly byScope = new Map<string, Map<string, BudgetState>>();
  private readonly summaries = new Map<string, ScopeSummary>();

  /** Applies one record of the compacted topic; `null` (a tombstone) or `deleted` removes the budget. */
  apply(budgetId: string, state: BudgetState | null): void {
    const previous = this.states.get(budgetId);
    if (previous) {
      this.states.delete(budgetId);
      this.byScope.get(scopeKey(previous.scope))?.delete(budgetId);
      this.summarise(scopeKey(previous.scope));
    }
    if (state === null || state.deleted) return;
    const key = scopeKey(state.scope);
    this.states.set(budgetId, state);
    let members = this.byScope.get(key);
    if (!members) this.byScope.set(key, (members = new Map()));
    members.set(budgetId, state);
    this.summarise(key);
  }

  get size(): number {
    return this.states.size;
  }

  /** The exhausted block budget of the target's provider or the target itself, if any. */
  targetBlock(target: BudgetedTarget): BlockingBudget | undefined {
    return (
      this.summaries.get(`provider:${target.vendor}`)?.blocking ??
      this.summaries.get(`target:${target.id}`)?.blocking
    );
  }

  /** The exhausted block budget of the request's global, team, key or group scope, if any. */
  requestBlock(scopes: RequestScopes): BlockingBudget | undefined {
    return (
      this.summaries.get('global')?.blocking ??
      this.blockOf('team', scopes.team) ??
      this.blockOf('key', scopes.keyId) ??
      this.blockOf('group', scopes.group)
    );
  }

  /** Every block budget of the request's global, team, key and group scopes (for headroom leases). */
  requestBlockBudgets(scopes: RequestScopes): readonly BlockingBudget[] {
    const keys = ['global'];
    if (scopes.team != null) keys.push(`team:${scopes.team}`);
    if (scopes.keyId != null) keys.push(`key:${scopes.keyId}`);
    if (scopes.group != null) keys.push(`group:${scopes.group}`);
    return keys.flatMap((key) => this.summaries.get(key)?.blockBudgets ?? []);
  }

  /** Every block budget of the target's provider and of the target itself (for per-attempt leases). */
  targetBlockBudgets(target: BudgetedTarget): readonly BlockingBudget[] {
    const provider = this.summaries.get(`provider:${target.vendor}`)?.blockBudgets ?? NONE;
    const own = this.summaries.get(`target:${target.id}`)?.blockBudgets ?? NONE;
    // Most targets have at most one of the two: answer without building a new array.
    if (own.length === 0) return provider;
    return provider.length === 0 ? own : [...provider, ...own];
  }

  /** Smallest remaining micro-USD among the provider and target budgets covering it; undefined if none. */
  headroom(target: BudgetedTarget): bigint | undefined {
    return minimum(
      this.summaries.get(`provider:${target.vendor}`)?.headroom,
      this.summaries.get(`target:${target.id}`)?.headroom,
    );
  }

  /** Worst status of the provider and target budgets covering it (alert budgets included). */
  targetStatus(target: BudgetedTarget): TargetBudgetStatus {
    const a = this.summaries.get(`provider:${target.vendor}`)?.status ?? 'none';
    const b = this.summaries.get(`target:${target.id}`)?.status ?? 'none';
    return RANK[a] >= RANK[b] ? a : b;
  }

  private blockOf(kind: string, value: string | null | undefined): BlockingBudget | undefined {
    return value === undefined || value === null
      ? undefined
      : this.summaries.get(`${kind}:${value}`)?.blocking;
  }

  private summarise(key: string): void {
    const members = this.byScope.get(key);
    if (!members || members.size === 0) {
      this.byScope.delete(key);
      this.summaries.delete(key);
      return;
    }
    let blocking: BlockingBudget | undefined;
    let headroom: bigint | undefined;
    let status: TargetBudgetStatus = 'none';
    const blockBudgets: BlockingBudget[] = [];
    for (const state of members.values()) {
      if (state.action === 'block') blockBudgets.push({ budgetId: state.budget_id, scope: key });
      if (!blocking && state.action === 'block' && state.status === 'exhausted') {
        blocking = { budgetId: state.budget_id, scope: key };
      }
      headroom = minimum(headroom, parseMicroUsd(state.remaining_micro_usd));
      if (RANK[state.status] > RANK[status]) status = state.status;
    }
    this.summaries.set(key, { blocking, blockBudgets, headroom, status });
  }
}

function minimum(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
