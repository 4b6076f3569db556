import type { BudgetState } from '@kt/contracts';
import type { EntityManager } from '@kt/persistence';
import type { BudgetTracking } from './budget.evaluation.js';

/** A budget's tracked window with the state last published for it. */
export interface TrackedBudget {
  readonly tracking: BudgetTracking;
  readonly state: BudgetState;
}

interface TrackingRow {
  readonly budget_id: string;
  readonly window_start: Date;
  readonly window_end: Date | null;
  readonly spent_micro_usd: string;
  readonly crossed_pct: number[];
  readonly exhausted: boolean;
  readonly state: BudgetState;
}

/** Reads a budget's tracking row, locked for the evaluation transaction. */
export async function loadTracking(
  manager: EntityManager,
  budgetId: string,
): Promise<TrackedBudget | undefined> {
  const rows = await manager.query<TrackingRow[]>(
    'SELECT * FROM budget_tracking WHERE budget_id = $1 FOR UPDATE',
    [budgetId],
  );
  return rows.length === 0 ? undefined : fromRow(rows[0]);
}

export async function saveTracking(
  manager: EntityManager,
  budgetId: string,
  tracked: TrackedBudget,
): Promise<void> {
  const { tracking, state } = tracked;
  await manager.query(
    `INSERT INTO budget_tracking (budget_id, window_start, window_end, spent_micro_usd, crossed_pct, exhausted, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (budget_id) DO UPDATE SET window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
       spent_micro_usd = EXCLUDED.spent_micro_usd, crossed_pct = EXCLUDED.crossed_pct,
       exhausted = EXCLUDED.exhausted, state = EXCLUDED.state`,
    [
      budgetId,
      new Date(tracking.window.startMs),
      tracking.window.endMs === null ? null : new Date(tracking.window.endMs),
      tracking.spent.toString(),
      [...tracking.crossed],
      tracking.exhausted,
      JSON.stringify(state),
    ],
  );
}

export async function deleteTracking(manager: EntityManager, budgetId: string): Promise<void> {
  await manager.query('DELETE FROM budget_tracking WHERE budget_id = $1', [budgetId]);
}

/** The last published state of every tracked budget, by id. */
export async function trackedStates(manager: EntityManager): Promise<Map<string, BudgetState>> {
  const rows = await manager.query<Pick<TrackingRow, 'budget_id' | 'state'>[]>(
    'SELECT budget_id, state FROM budget_tracking',
  );
  return new Map(rows.map((row) => [row.budget_id, row.state]));
}

function fromRow(row: TrackingRow): TrackedBudget {
  return {
    tracking: {
      window: {
        startMs: row.window_start.getTime(),
        endMs: row.window_end === null ? null : row.window_end.getTime(),
      },
      spent: BigInt(row.spent_micro_usd),
      crossed: row.crossed_pct,
      exhausted: row.exhausted,
    },
    state: row.state,
  };
}
