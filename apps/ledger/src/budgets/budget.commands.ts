import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
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
import { microUsdFromUsd } from '@kt/pricing';
import type { StoredBudget } from './budget-book.evolve.js';
import { BudgetBookStore } from './budget-book.store.js';
import { BudgetEvaluator } from './budget.evaluator.js';
import { BudgetProducer } from './budget.producer.js';
import { BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';
import type { CreateBudgetDto } from './create-budget.dto.js';
import type { UpdateBudgetDto } from './update-budget.dto.js';

/**
 * The admin API's use cases. Each produces one event on `kt.budget-events.v1` and answers once Kafka
 * acknowledged it and the read model applied it, with the budget evaluated, so a reply is never stale.
 */
@Injectable()
export class BudgetCommands {
  constructor(
    private readonly producer: BudgetProducer,
    private readonly book: BudgetBookStore,
    private readonly evaluator: BudgetEvaluator,
    @Inject(BUDGETS_SETTINGS) private readonly settings: BudgetsSettings,
  ) {}

  async define(dto: CreateBudgetDto): Promise<string> {
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
    await this.publish({ ...this.facts(definition.budget_id), ...definition, type: 'budget.defined' });
    return definition.budget_id;
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
    await this.publish({ ...this.facts(budgetId), ...definition, type: 'budget.updated' });
  }

  async delete(budgetId: string): Promise<void> {
    await this.live(budgetId);
    await this.publish({ ...this.facts(budgetId), type: 'budget.deleted' });
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
}
