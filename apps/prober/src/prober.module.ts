import { hostname } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@kt/bus';
import { topicConfigs } from '@kt/contracts';
import { PackModule } from '@kt/pack-live';
import { createAdapters } from '@kt/providers';
import { HealthModule } from '@kt/service';
import { ProbeEventsPublisher } from './events/probe-events.publisher.js';
import { OwnershipTracker } from './ownership/ownership.tracker.js';
import { TargetProber } from './probe/target.prober.js';
import type { ProberEnv } from './prober.env.js';
import {
  PROBER_SECRETS,
  PROBER_SETTINGS,
  type ProberSecrets,
  type ProberSettings,
} from './prober.settings.js';
import { ProbeScheduler } from './schedule/probe.scheduler.js';
import { ProbeMetrics } from './telemetry/probe.metrics.js';

@Module({})
export class ProberModule {
  /**
   * `env` is the validated settings; `secrets` the process environment captured at boot, where the
   * pack's `${VAR}` references (target keys, base URLs) are looked up, by name, at probe time.
   */
  static forRoot(env: ProberEnv, secrets: ProberSecrets): DynamicModule {
    const instanceId = env.KT_INSTANCE_ID ?? `prober-${hostname()}-${process.pid}`;
    const settings: ProberSettings = {
      instanceId,
      kafkaBrokers: env.KAFKA_BROKERS,
      // Per host, not per pid: a restarted prober drains what its predecessor spooled.
      spoolDir: env.PROBER_SPOOL_DIR ?? join('.kt', 'spool', `prober-${hostname()}`),
      packPath: env.KT_PACK,
      groupId: env.KT_PROBER_GROUP,
    };
    return {
      module: ProberModule,
      imports: [
        HealthModule,
        BusModule.forRoot({
          clientId: 'kt-prober',
          brokers: env.KAFKA_BROKERS,
          env: secrets,
          topics: topicConfigs({ replicationFactor: env.KT_TOPIC_REPLICATION_FACTOR }),
        }),
        PackModule.forRoot({ path: env.KT_PACK, reloadGroup: `kt-prober-packs-${instanceId}`, env: secrets }),
      ],
      providers: [
        { provide: PROBER_SETTINGS, useValue: settings },
        { provide: PROBER_SECRETS, useValue: secrets },
        // Base URLs and the Azure api-version come from the environment, as in the gateway.
        {
          provide: TargetProber,
          useFactory: (): TargetProber => new TargetProber(createAdapters(secrets), secrets),
        },
        ProbeMetrics,
        ProbeEventsPublisher,
        OwnershipTracker,
        ProbeScheduler,
      ],
    };
  }
}
