import { Module, type DynamicModule } from '@nestjs/common';
import { ApiDocsModule, loadEnv } from '@kt/service';
import { BudgetBookStore } from './budget-book.store.js';
import { BUDGET_CLOCK, offsetClock, type BudgetClock } from './budget.clock.js';
import { BudgetCommands } from './budget.commands.js';
import { BudgetController } from './budget.controller.js';
import { BudgetEvaluator } from './budget.evaluator.js';
import { BudgetEventsConsumer } from './budget-events.consumer.js';
import { BudgetOutbox } from './budget-outbox.publisher.js';
import { BudgetProducer } from './budget.producer.js';
import { BudgetViews } from './budget.view.js';
import { BudgetsEnv } from './budgets.env.js';
import { BUDGETS_SETTINGS, type BudgetsSettings } from './budgets.settings.js';

export interface BudgetsModuleOptions {
  /** Replaces the clock from `KT_LEDGER_CLOCK_OFFSET_MS` (tests move it to a period's end). */
  readonly clock?: BudgetClock;
  readonly settings?: Partial<BudgetsSettings>;
}

/** Budgets: definitions as events, their state and threshold facts, the `/v1/budgets` admin API and `/docs`. */
@Module({})
export class BudgetsModule {
  static forRoot(options: BudgetsModuleOptions = {}): DynamicModule {
    const env = loadEnv(BudgetsEnv);
    const settings: BudgetsSettings = {
      recheckMs: env.KT_LEDGER_BUDGET_RECHECK_MS,
      groupId: env.KT_LEDGER_BUDGET_GROUP,
      applyTimeoutMs: 10_000,
      ...options.settings,
    };
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
        { provide: BUDGET_CLOCK, useValue: options.clock ?? offsetClock(env.KT_LEDGER_CLOCK_OFFSET_MS) },
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
