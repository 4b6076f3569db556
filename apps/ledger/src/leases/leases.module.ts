import { Module, type DynamicModule } from '@nestjs/common';
import { loadEnv } from '@kt/service';
import { LeaseController } from './lease.controller.js';
import { LeaseStore } from './lease.store.js';
import { LEASES_SETTINGS, LeasesEnv, type LeasesSettings } from './leases.settings.js';

/** Headroom leases of block budgets: `POST /v1/leases`. */
@Module({})
export class LeasesModule {
  static forRoot(): DynamicModule {
    const env = loadEnv(LeasesEnv);
    const settings: LeasesSettings = {
      ttlMs: env.KT_LEDGER_LEASE_TTL_MS,
      reclaimMs: env.KT_LEDGER_LEASE_RECLAIM_MS,
    };
    return {
      module: LeasesModule,
      controllers: [LeaseController],
      providers: [{ provide: LEASES_SETTINGS, useValue: settings }, LeaseStore],
    };
  }
}
