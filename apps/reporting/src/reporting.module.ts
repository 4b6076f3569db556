import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { DatabaseModule } from '@kt/persistence';
import { ApiDocsModule, HealthModule } from '@kt/service';
import { AuditsModule } from './audits/audits.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BudgetsModule } from './budgets/budgets.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { EventsModule } from './events/events.module.js';
import { PacksModule } from './packs/packs.module.js';
import type { ReportingEnv } from './reporting.env.js';
import { ReadOnlyDatabaseCheck } from './shared/read-only.check.js';
import { SpendModule } from './spend/spend.module.js';
import { ReportingMetricsModule } from './telemetry/reporting.metrics.js';

@Module({})
export class ReportingModule {
  /** `env` is the validated settings; `raw` the environment captured at boot (Kafka SASL/TLS, `KT_KAFKA_LOG`). */
  static forRoot(env: ReportingEnv, raw: Readonly<Record<string, string | undefined>>): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        HealthModule,
        ReportingMetricsModule,
        BusModule.forRoot({
          clientId: 'kt-reporting',
          brokers: env.KAFKA_BROKERS,
          env: raw,
          topics: topicConfigs({ replicationFactor: env.KT_TOPIC_REPLICATION_FACTOR }),
        }),
        DatabaseModule.forRoot({ url: env.DATABASE_URL, applicationName: 'kt-reporting' }),
        AuthModule.forRoot({
          tokens: env.REPORTING_TOKENS,
          rateLimit: env.REPORTING_RATE_LIMIT,
          rateWindowMs: env.REPORTING_RATE_WINDOW_MS,
        }),
        SpendModule,
        BudgetsModule,
        EventsModule,
        DashboardModule,
        PacksModule.forRoot(env.KT_PACK_SIGNING_KEY_FILE),
        AuditsModule.forRoot(env, { topic: env.REPORTING_ROUTE_TOPIC }),
        ApiDocsModule.forRoot({
          title: 'kt reporting',
          description:
            'Spend, provider mix, budgets, route events and exports for finance; audits and packs for ops. ' +
            'Every /v1 route needs "Authorization: Bearer <token>" (finance or admin).',
          bearerAuth: true,
        }),
      ],
      providers: [ReadOnlyDatabaseCheck],
    };
  }
}
