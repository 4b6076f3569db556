import { Module, type DynamicModule } from '@nestjs/common';
import { ApiDocsModule } from '@kt/service';
import { BudgetBookStore } from './budget-book.store.js';
import { BUDGET_CLOCK, offsetClock, type BudgetClock } from './budget.clock.js';
import { BudgetCommands } from './budget.commands.js';
import { BudgetController } from './budget.controller.js';
import { BudgetEvaluator } from './budget.evaluator.js';
import { BudgetEventsConsumer } from './budget-events.consumer.js';
import { BudgetOutbox } from './budget-outbox.publisher.js';
import { BudgetProducer } from './budget.producer.js';
import { BudgetViews } from './budget.view.js';
import { BUDGETS_SETTINGS, DEFAULT_BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';

export interface BudgetsModuleOptions {
  /** The budgets' clock; the real UTC time unless given (the ledger shifts it by `KT_LEDGER_CLOCK_OFFSET_MS`). */
  readonly clock?: BudgetClock;
  readonly settings?: Partial<BudgetsSettings>;
}

/** Budgets: definitions as events, their state and threshold facts, the `/v1/budgets` admin API and `/docs`. */
@Module({})
export class BudgetsModule {
  static forRoot(options: BudgetsModuleOptions = {}): DynamicModule {
    const settings: BudgetsSettings = { ...DEFAULT_BUDGETS_SETTINGS, ...options.settings };
    return {
      module: BudgetsModule,
      imports: [
        ApiDocsModule.forRoot({
          title: 'kt ledger',
          description:
            'Budgets (definitions are events on kt.budget-events.v1), leases and spend of the kt gateway. ' +
            'Every /v1 route needs "Authorization: Bearer <token>" from LEDGER_TOKENS: leases the gateway role, ' +
            'budget writes and /v1/admin the admin role, totals and budget reads finance or admin.',
          bearerAuth: true,
        }),
      ],
      controllers: [BudgetController],
      providers: [
        { provide: BUDGETS_SETTINGS, useValue: settings },
        { provide: BUDGET_CLOCK, useValue: options.clock ?? offsetClock(0) },
        BudgetProducer,
        BudgetBookStore,
        BudgetOutbox,
        BudgetEvaluator,
        BudgetEventsConsumer,
        BudgetCommands,
        BudgetViews,
      ],
    };
  }
}
