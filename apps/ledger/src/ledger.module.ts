import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { DatabaseModule } from '@kt/persistence';
import { HealthModule } from '@kt/service';
import { LedgerAuthModule } from './auth/ledger-auth.module.js';
import { offsetClock } from './budgets/budget.clock.js';
import { BudgetsModule } from './budgets/budgets.module.js';
import type { LedgerEnv } from './ledger.env.js';
import { BudgetLeases1764000000002 } from './migrations/1764000000002-budget-leases.migration.js';
import { LeasesModule } from './leases/leases.module.js';
import { LedgerProjection1764000000000 } from './migrations/1764000000000-ledger-projection.migration.js';
import { Budgets1764000000001 } from './migrations/1764000000001-budgets.migration.js';
import { ReportingRole1764000000003 } from './migrations/1764000000003-reporting-role.migration.js';
import { LedgerLogIdentity1764000000004 } from './migrations/1764000000004-ledger-log-identity.migration.js';
import { BudgetLiveScope1764000000005 } from './migrations/1764000000005-budget-live-scope.migration.js';
import { RollupPriceFlags1764000000006 } from './migrations/1764000000006-rollup-price-flags.migration.js';
import { LEDGER_SETTINGS, type LedgerSettings } from './projection/ledger.settings.js';
import { SpendProjector } from './projection/spend.projector.js';
import { AdminController } from './rebuild/admin.controller.js';
import { LedgerRebuilder } from './rebuild/ledger.rebuilder.js';
import { SPEND_APPLIED, SpendAppliedEmitter } from './spend/spend-applied.js';
import { LedgerMetrics } from './telemetry/ledger.metrics.js';
import { TotalsController } from './totals/totals.controller.js';
import { LedgerVerifier } from './verify/ledger.verifier.js';

/** Migrations of the ledger database, in order (TypeORM runs the ones not yet applied at startup). */
export const LEDGER_MIGRATIONS = [
  LedgerProjection1764000000000,
  Budgets1764000000001,
  BudgetLeases1764000000002,
  ReportingRole1764000000003,
  LedgerLogIdentity1764000000004,
  BudgetLiveScope1764000000005,
  RollupPriceFlags1764000000006,
];

@Module({})
export class LedgerModule {
  /** `env` is the validated settings; `raw` the environment captured at boot (Kafka SASL/TLS, `KT_KAFKA_LOG`). */
  static forRoot(env: LedgerEnv, raw: Readonly<Record<string, string | undefined>>): DynamicModule {
    const settings: LedgerSettings = {
      topic: env.LEDGER_TOPIC,
      deadLetterTopic: env.LEDGER_DEAD_LETTER_TOPIC,
      consumerGroup: env.LEDGER_CONSUMER_GROUP,
      maxBytesPerPartition: env.LEDGER_MAX_BYTES_PER_PARTITION,
      partitionsConcurrently: env.LEDGER_PARTITIONS_CONCURRENTLY,
      applyDelayMs: env.LEDGER_APPLY_DELAY_MS,
    };
    const clock = offsetClock(env.KT_LEDGER_CLOCK_OFFSET_MS);
    return {
      module: LedgerModule,
      imports: [
        HealthModule,
        LedgerAuthModule.forRoot(env.LEDGER_TOKENS),
        BusModule.forRoot({
          clientId: 'kt-ledger',
          brokers: env.KAFKA_BROKERS,
          env: raw,
          topics: topicConfigs({ replicationFactor: env.KT_TOPIC_REPLICATION_FACTOR }),
        }),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          migrations: LEDGER_MIGRATIONS,
          migrationsRun: true,
          applicationName: 'kt-ledger',
        }),
        BudgetsModule.forRoot({
          clock,
          settings: { recheckMs: env.KT_LEDGER_BUDGET_RECHECK_MS, groupId: env.KT_LEDGER_BUDGET_GROUP },
        }),
        LeasesModule.forRoot(
          { ttlMs: env.KT_LEDGER_LEASE_TTL_MS, reclaimMs: env.KT_LEDGER_LEASE_RECLAIM_MS },
          clock,
        ),
      ],
      controllers: [TotalsController, AdminController],
      providers: [
        { provide: LEDGER_SETTINGS, useValue: settings },
        { provide: SPEND_APPLIED, useClass: SpendAppliedEmitter },
        LedgerMetrics,
        SpendProjector,
        LedgerRebuilder,
        LedgerVerifier,
      ],
      exports: [SPEND_APPLIED],
    };
  }
}
