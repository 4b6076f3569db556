import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BUDGET_EVENTS_TOPIC, BUDGET_STATE_TOPIC, createEventId, toUtcTimestamp } from '@kt/contracts';
import { DataSource, type EntityManager } from '@kt/persistence';
import { SPEND_APPLIED, type SpendAppliedBus } from '../spend/spend-applied.js';
import { announcedIn } from './budget-announcements.store.js';
import type { StoredBudget } from './budget-book.evolve.js';
import { BudgetBookStore } from './budget-book.store.js';
import { BUDGET_CLOCK, type BudgetClock } from './budget.clock.js';
import { evaluateBudget, sameState } from './budget.evaluation.js';
import { BudgetOutbox, type OutboxRecord } from './budget-outbox.publisher.js';
import { spentInWindow } from './budget-spend.query.js';
import { deleteTracking, loadTracking, saveTracking } from './budget-tracking.store.js';
import { windowAt } from './budget.window.js';
import { BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';

/**
 * Recomputes every budget's spend in its current window, records state and crossings with the
 * facts to publish in one transaction, then drains the outbox. Runs after each applied spend batch,
 * after a definition changes, and on a timer so a period rolls over without traffic.
 */
@Injectable()
export class BudgetEvaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('budgets');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly book: BudgetBookStore,
    private readonly outbox: BudgetOutbox,
    @Inject(BUDGET_CLOCK) private readonly clock: BudgetClock,
    @Inject(BUDGETS_SETTINGS) private readonly settings: BudgetsSettings,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.spendApplied()?.on(() => void this.evaluate().catch(() => undefined));
    this.timer = setInterval(() => void this.evaluate().catch(() => undefined), this.settings.recheckMs);
    this.timer.unref();
    void this.evaluate().catch(() => undefined);
  }

  onApplicationShutdown(): Promise<void> | undefined {
    clearInterval(this.timer);
    return this.running?.catch(() => undefined);
  }

  /** Runs one evaluation pass, or joins the pending one; calls during a pass cause one more pass. */
  evaluate(): Promise<void> {
    this.again = true;
    this.running ??= this.loop();
    return this.running;
  }

  // `running` is cleared in the same continuation that saw `again` false, so no request is lost.
  private async loop(): Promise<void> {
    try {
      while (this.again) {
        this.again = false;
        await this.pass();
      }
    } catch (error) {
      this.logger.error(`budget evaluation failed: ${String(error)}`);
      throw error;
    } finally {
      this.running = undefined;
    }
  }

  /** The projection's bus, wherever the ledger registered it; without it only the timer triggers. */
  private spendApplied(): SpendAppliedBus | undefined {
    try {
      return this.moduleRef.get<SpendAppliedBus>(SPEND_APPLIED, { strict: false });
    } catch {
      this.logger.warn('no SPEND_APPLIED provider: budgets are re-checked on the timer only');
      return undefined;
    }
  }

  private async pass(): Promise<void> {
    for (const budget of await this.book.list(true)) {
      await this.ds.transaction((manager) => this.evaluateOne(manager, budget));
    }
    await this.outbox.drain();
  }

  private async evaluateOne(manager: EntityManager, budget: StoredBudget): Promise<void> {
    const id = budget.definition.budget_id;
    // Serialises ledgers evaluating the same budget; the lock ends with the transaction.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kt-budget:${id}`]);
    const tracked = await loadTracking(manager, id);
    const nowMs = this.clock.now();
    if (budget.deleted) {
      if (tracked === undefined) return;
      const gone = { ...tracked.state, deleted: true, updated_at: toUtcTimestamp(nowMs) };
      await BudgetOutbox.add(manager, [
        { topic: BUDGET_STATE_TOPIC, key: id, value: JSON.stringify(gone) },
        { topic: BUDGET_STATE_TOPIC, key: id, value: null },
      ]);
      await deleteTracking(manager, id);
      return;
    }
    const window = windowAt(budget.definition.period, nowMs);
    const result = evaluateBudget({
      definition: budget.definition,
      window,
      spent: await spentInWindow(manager, budget.definition.scope, window),
      previous: tracked?.tracking,
      logged: await announcedIn(manager, id, window),
      nowMs,
      newEventId: createEventId,
    });
    if (result.events.length === 0 && sameState(tracked?.state, result.state)) return;
    const records: OutboxRecord[] = result.events.map((event) => ({
      topic: BUDGET_EVENTS_TOPIC,
      key: id,
      value: JSON.stringify(event),
    }));
    records.push({ topic: BUDGET_STATE_TOPIC, key: id, value: JSON.stringify(result.state) });
    await BudgetOutbox.add(manager, records);
    await saveTracking(manager, id, { tracking: result.tracking, state: result.state });
  }
}
