import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  BUDGET_EVENTS_TOPIC,
  BUDGET_SCHEMA,
  createEventId,
  DEFAULT_THRESHOLDS_PCT,
  encodeEvent,
  toMicroUsdString,
  utcNow,
  type BudgetDefinition,
  type BudgetEvent,
  type BudgetScope,
} from '@kt/contracts';
import { highWatermarks, KAFKA, type BusClient } from '@kt/bus';
import { DataSource } from '@kt/persistence';
import { microUsdFromUsd } from '@kt/pricing';
import type { StoredBudget } from './budget-book.evolve.js';
import { BudgetBookStore } from './budget-book.store.js';
import { BudgetEvaluator } from './budget.evaluator.js';
import { keyOf, lockName, sameKey, sameSettings } from './budget-scope.key.js';
import { BudgetProducer } from './budget.producer.js';
import { BudgetWritesQueue } from './budget-writes.queue.js';
import { BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';
import type { CreateBudgetDto } from './create-budget.dto.js';
import type { UpdateBudgetDto } from './update-budget.dto.js';

/**
 * The admin API's use cases. Each produces one event on `kt.budget-events.v1` and answers once Kafka
 * acknowledged it and the read model applied it, with the budget evaluated, so a reply is never stale.
 */
@Injectable()
export class BudgetCommands {
  private readonly writes = new BudgetWritesQueue();

  constructor(
    private readonly producer: BudgetProducer,
    private readonly book: BudgetBookStore,
    private readonly evaluator: BudgetEvaluator,
    @Inject(BUDGETS_SETTINGS) private readonly settings: BudgetsSettings,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
  ) {}

  /**
   * Budgets are idempotent by scope, period and action: asking again for a live budget with the
   * same settings answers it (`created: false`); other settings are a 409 naming it. Creates of the
   * same key are serialised by an advisory lock held until the new budget is applied, so concurrent
   * requests (on any ledger replica) cannot both create one; all writes of this replica go through
   * one queue, so they hold at most one pooled connection between them.
   */
  async define(dto: CreateBudgetDto): Promise<{ budgetId: string; created: boolean }> {
    const scope: BudgetScope =
      dto.scope_kind === 'global'
        ? { kind: 'global', value: null }
        : { kind: dto.scope_kind, value: dto.scope_value ?? '' };
    const definition: BudgetDefinition = {
      budget_id: createEventId(),
      scope,
      period: dto.period,
      limit_micro_usd: toMicroUsdString(microUsdFromUsd(dto.limit_usd)),
      thresholds_pct: dto.thresholds_pct ?? DEFAULT_THRESHOLDS_PCT,
      action: dto.action ?? 'alert',
      ...(dto.name === undefined ? {} : { name: dto.name }),
    };
    const key = keyOf(definition);
    return this.writes.locked(this.ds, lockName(key), async (manager) => {
      const existing = await this.book.findLive(key, manager);
      if (existing !== undefined) return answerExisting(existing, definition);
      await this.publish({ ...this.facts(definition.budget_id), ...definition, type: 'budget.defined' });
      // A create retried after its 503 published a second definition of the key; whichever the
      // projection keeps (the earliest defined) is the answer, so this one is never reported as
      // created when it ends up deleted.
      await this.waitCaughtUp();
      const survivor = await this.book.findLive(key, manager);
      if (survivor === undefined || survivor.definition.budget_id === definition.budget_id)
        return { budgetId: definition.budget_id, created: true };
      return answerExisting(survivor, definition);
    });
  }

  async update(budgetId: string, dto: UpdateBudgetDto): Promise<void> {
    const current = (await this.live(budgetId)).definition;
    const name = dto.name ?? current.name;
    const definition: BudgetDefinition = {
      budget_id: budgetId,
      scope: current.scope,
      period: dto.period ?? current.period,
      limit_micro_usd:
        dto.limit_usd === undefined
          ? current.limit_micro_usd
          : toMicroUsdString(microUsdFromUsd(dto.limit_usd)),
      thresholds_pct: dto.thresholds_pct ?? current.thresholds_pct,
      action: dto.action ?? current.action,
      ...(name === undefined ? {} : { name }),
    };
    if (sameKey(keyOf(current), keyOf(definition))) {
      await this.writes.run(() =>
        this.publish({ ...this.facts(budgetId), ...definition, type: 'budget.updated' }),
      );
      return;
    }
    // A new period or action must not make it a duplicate of another live budget.
    await this.writes.locked(this.ds, lockName(keyOf(definition)), async (manager) => {
      const other = await this.book.findLive(keyOf(definition), manager);
      if (other !== undefined) throw conflict(other.definition.budget_id, 'with that period and action');
      await this.publish({ ...this.facts(budgetId), ...definition, type: 'budget.updated' });
    });
  }

  async delete(budgetId: string): Promise<void> {
    await this.live(budgetId);
    await this.writes.run(() => this.publish({ ...this.facts(budgetId), type: 'budget.deleted' }));
  }

  private async live(budgetId: string): Promise<StoredBudget> {
    const budget = await this.book.get(budgetId);
    if (budget === undefined || budget.deleted) throw new NotFoundException(`no budget ${budgetId}`);
    return budget;
  }

  private facts(budgetId: string): Pick<BudgetEvent, 'schema' | 'event_id' | 'occurred_at' | 'budget_id'> {
    return { schema: BUDGET_SCHEMA, event_id: createEventId(), occurred_at: utcNow(), budget_id: budgetId };
  }

  private async publish(event: BudgetEvent): Promise<void> {
    try {
      await this.producer.send(BUDGET_EVENTS_TOPIC, [{ key: event.budget_id, value: encodeEvent(event) }]);
    } catch (error) {
      throw new ServiceUnavailableException(`Kafka did not acknowledge the budget event: ${String(error)}`);
    }
    if (!(await this.book.waitForEvent(event.budget_id, event.event_id, this.settings.applyTimeoutMs))) {
      throw new ServiceUnavailableException(
        `event ${event.event_id} is recorded in Kafka but the ledger has not applied it yet; retry the read later`,
      );
    }
    await this.evaluator.evaluate();
  }

  /** Waits until the read model has applied everything on the topic now (every partition). */
  private async waitCaughtUp(): Promise<void> {
    const watermarks = await highWatermarks(this.kafka, BUDGET_EVENTS_TOPIC).catch(() => undefined);
    const caughtUp =
      watermarks !== undefined &&
      (await this.book.waitCaughtUp(BUDGET_EVENTS_TOPIC, watermarks, this.settings.applyTimeoutMs));
    if (!caughtUp) {
      throw new ServiceUnavailableException(
        'the budget is recorded in Kafka but the ledger has not applied the budget log up to it yet; ' +
          'retry the create later (it answers the budget that was kept)',
      );
    }
  }
}

/** A create finding a live budget of its key: the same settings are that budget, others a 409. */
function answerExisting(
  existing: StoredBudget,
  wanted: BudgetDefinition,
): { budgetId: string; created: boolean } {
  if (sameSettings(existing.definition, wanted))
    return { budgetId: existing.definition.budget_id, created: false };
  throw conflict(existing.definition.budget_id, 'with other settings');
}

function conflict(existingId: string, what: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    existing_budget_id: existingId,
    message:
      `budget ${existingId} already covers this scope, period and action ${what}; change it with ` +
      `kt spend budget update ${existingId} --limit <usd> (PATCH /v1/budgets/${existingId}), ` +
      'or delete it first',
  });
}
