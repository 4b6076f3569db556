import type { BudgetEvent } from '@kt/contracts';
import type { EntityManager } from '@kt/persistence';
import type { Announced } from './budget.evaluation.js';
import type { WindowRange } from './budget.window.js';

/**
 * Crossings read back from `kt.budget-events.v1`. They let a ledger whose database was rebuilt from
 * the log know what was already announced in the current window, so it does not announce it again.
 */
export async function recordAnnouncement(manager: EntityManager, event: BudgetEvent): Promise<void> {
  if (event.type !== 'budget.threshold_crossed' && event.type !== 'budget.exhausted') return;
  await manager.query(
    `INSERT INTO budget_announcements (budget_id, window_start, fact, threshold_pct) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [
      event.budget_id,
      event.window.start,
      event.type === 'budget.exhausted' ? 'exhausted' : 'threshold',
      event.type === 'budget.exhausted' ? 0 : event.threshold_pct,
    ],
  );
}

/** What the log says was announced for a budget in `window`; undefined when nothing was. */
export async function announcedIn(
  manager: EntityManager,
  budgetId: string,
  window: WindowRange,
): Promise<Announced | undefined> {
  const rows = await manager.query<{ fact: string; threshold_pct: number }[]>(
    `SELECT fact, threshold_pct FROM budget_announcements WHERE budget_id = $1 AND window_start = $2
     ORDER BY threshold_pct`,
    [budgetId, new Date(window.startMs)],
  );
  if (rows.length === 0) return undefined;
  return {
    crossed: rows.filter((r) => r.fact === 'threshold').map((r) => r.threshold_pct),
    exhausted: rows.some((r) => r.fact === 'exhausted'),
  };
}
