import { Module, type DynamicModule } from '@nestjs/common';
import { BUDGET_CLOCK, type BudgetClock } from '../budgets/budget.clock.js';
import { LeaseController } from './lease.controller.js';
import { LeaseStore } from './lease.store.js';
import { LEASES_SETTINGS, type LeasesSettings } from './leases.settings.js';

/** Headroom leases of block budgets: `POST /v1/leases`. */
@Module({})
export class LeasesModule {
  /** `clock` is the budgets' own, so a lease's window is the state's window. */
  static forRoot(settings: LeasesSettings, clock: BudgetClock): DynamicModule {
    return {
      module: LeasesModule,
      controllers: [LeaseController],
      providers: [
        { provide: LEASES_SETTINGS, useValue: settings },
        { provide: BUDGET_CLOCK, useValue: clock },
        LeaseStore,
      ],
    };
  }
}
