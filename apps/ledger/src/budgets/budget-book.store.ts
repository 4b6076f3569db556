import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Watermarks } from '@kt/bus';
import type { BudgetDefinition, BudgetEvent } from '@kt/contracts';
import { DataSource, type EntityManager } from '@kt/persistence';
import { recordAnnouncement } from './budget-announcements.store.js';
import { evolveBudget, type StoredBudget } from './budget-book.evolve.js';
import { keyOf, keyParams, liveKeyWhere, sameKey, type BudgetKey } from './budget-scope.key.js';

/** A decoded record of `kt.budget-events.v1` with where it came from. */
export interface ConsumedBudgetEvent {
  readonly event: BudgetEvent | undefined;
  readonly offset: string;
}

interface BudgetRow {
  readonly budget_id: string;
  readonly definition: BudgetDefinition;
  readonly deleted: boolean;
  readonly defined_at: Date;
  readonly updated_at: Date;
  readonly last_event_id: string;
}

/** The `budgets` table: applied from the topic with its offsets in one transaction; read by the API. */
@Injectable()
export class BudgetBookStore {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /**
   * Applies one partition's batch exactly once in effect: records below the stored offset were
   * applied before (the consumer re-reads the topic from the start) and are skipped.
   * Returns the ids of budgets whose definition changed.
   */
  applyBatch(topic: string, partition: number, records: readonly ConsumedBudgetEvent[]): Promise<string[]> {
    return this.ds.transaction(async (manager) => {
      const stored = await manager.query<{ next_offset: string }[]>(
        'SELECT next_offset FROM budget_event_offsets WHERE topic = $1 AND partition = $2 FOR UPDATE',
        [topic, partition],
      );
      const next = stored.length === 0 ? -1n : BigInt(stored[0].next_offset);
      const changed = new Set<string>();
      let last = next - 1n;
      for (const { event, offset } of records) {
        if (BigInt(offset) < next) continue;
        last = BigInt(offset);
        if (event === undefined) continue;
        await recordAnnouncement(manager, event);
        const current = await this.load(manager, event.budget_id, true);
        const evolved = evolveBudget(current, event);
        if (evolved === current || evolved === undefined) continue;
        const kept = await this.unique(manager, current, evolved, changed);
        if (kept === current || kept === undefined) continue;
        await this.save(manager, event.budget_id, kept);
        changed.add(event.budget_id);
      }
      if (last >= next) {
        await manager.query(
          `INSERT INTO budget_event_offsets (topic, partition, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset`,
          [topic, partition, (last + 1n).toString()],
        );
      }
      return [...changed];
    });
  }

  async list(includeDeleted = false): Promise<StoredBudget[]> {
    const rows = await this.ds.query<BudgetRow[]>(
      `SELECT * FROM budgets ${includeDeleted ? '' : 'WHERE NOT deleted'} ORDER BY defined_at, budget_id`,
    );
    return rows.map(fromRow);
  }

  /** The live budget with this scope, period and action, if there is one (at most one: see below). */
  async findLive(
    key: BudgetKey,
    manager: EntityManager = this.ds.manager,
  ): Promise<StoredBudget | undefined> {
    const rows = await manager.query<BudgetRow[]>(
      `SELECT * FROM budgets WHERE ${liveKeyWhere(1)}`,
      keyParams(key),
    );
    return rows.length === 0 ? undefined : fromRow(rows[0]);
  }

  get(budgetId: string): Promise<StoredBudget | undefined> {
    return this.load(this.ds.manager, budgetId, false);
  }

  /** Resolves once the stored offsets reach `watermarks` on every partition; false after `timeoutMs`. */
  async waitCaughtUp(topic: string, watermarks: Watermarks, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 200)) {
      const rows = await this.ds.query<{ partition: number; next_offset: string }[]>(
        'SELECT partition, next_offset FROM budget_event_offsets WHERE topic = $1',
        [topic],
      );
      const applied = new Map(rows.map((row) => [Number(row.partition), BigInt(row.next_offset)]));
      if ([...watermarks].every(([partition, high]) => high === 0n || (applied.get(partition) ?? 0n) >= high))
        return true;
      if (Date.now() >= deadline) return false;
      await sleep(delayMs);
    }
  }

  /** Resolves once the read model has applied `eventId` to `budgetId`; false after `timeoutMs`. */
  async waitForEvent(budgetId: string, eventId: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 200)) {
      if ((await this.get(budgetId))?.lastEventId === eventId) return true;
      if (Date.now() >= deadline) return false;
      await sleep(delayMs);
    }
  }

  private async load(
    manager: EntityManager,
    budgetId: string,
    lock: boolean,
  ): Promise<StoredBudget | undefined> {
    const rows = await manager.query<BudgetRow[]>(
      `SELECT * FROM budgets WHERE budget_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [budgetId],
    );
    return rows.length === 0 ? undefined : fromRow(rows[0]);
  }

  /**
   * One live budget per scope, period and action (the `budgets_live_scope` index). The API refuses
   * duplicates, but the log may hold some from before, on different partitions (events are keyed by
   * budget id), so they arrive in any order. The survivor is the one the migration keeps: the
   * earliest defined (ties by id). A definition of a later duplicate is kept as deleted; an earlier
   * one replaces the live budget, which is stored deleted (its id added to `changed`, so the
   * evaluator announces it). An update that would make a duplicate is not applied.
   */
  private async unique(
    manager: EntityManager,
    current: StoredBudget | undefined,
    evolved: StoredBudget,
    changed: Set<string>,
  ): Promise<StoredBudget | undefined> {
    if (evolved.deleted) return evolved;
    const key = keyOf(evolved.definition);
    if (current !== undefined && !current.deleted && sameKey(keyOf(current.definition), key)) return evolved;
    const other = await this.findLive(key, manager);
    if (other === undefined || other.definition.budget_id === evolved.definition.budget_id) return evolved;
    if (current !== undefined) return current;
    if (!definedBefore(evolved, other)) return { ...evolved, deleted: true };
    const displaced = other.definition.budget_id;
    await this.save(manager, displaced, { ...other, deleted: true, updatedAt: evolved.updatedAt });
    changed.add(displaced);
    return evolved;
  }

  private async save(manager: EntityManager, budgetId: string, budget: StoredBudget): Promise<void> {
    await manager.query(
      `INSERT INTO budgets (budget_id, definition, deleted, defined_at, updated_at, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (budget_id) DO UPDATE SET definition = EXCLUDED.definition, deleted = EXCLUDED.deleted,
         updated_at = EXCLUDED.updated_at, last_event_id = EXCLUDED.last_event_id`,
      [
        budgetId,
        JSON.stringify(budget.definition),
        budget.deleted,
        budget.definedAt,
        budget.updatedAt,
        budget.lastEventId,
      ],
    );
  }
}

/** The survivor rule shared with migration 1764000000005: earlier `defined_at`, then the smaller id. */
export function definedBefore(a: StoredBudget, b: StoredBudget): boolean {
  const at = Date.parse(a.definedAt) - Date.parse(b.definedAt);
  if (at !== 0) return at < 0;
  return a.definition.budget_id < b.definition.budget_id;
}

// Timestamps come back as Dates; the read model keeps the wire form (UTC, millisecond precision).
function fromRow(row: BudgetRow): StoredBudget {
  return {
    definition: row.definition,
    deleted: row.deleted,
    definedAt: row.defined_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastEventId: row.last_event_id,
  };
}
