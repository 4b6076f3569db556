import { Module, type DynamicModule } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditRunner } from './audit.runner.js';
import { AUDIT_SETTINGS, type AuditSettings } from './audit.settings.js';
import { AuditStore } from './audit.store.js';
import type { AuditsEnv } from './audits.env.js';

/** Audit replay: `POST /v1/audits`, `GET /v1/audits/{id}` (admin). Needs the bus and the database modules. */
@Module({})
export class AuditsModule {
  /** `env` is the audits' part of the service's environment, validated once at boot. */
  static forRoot(
    env: AuditsEnv,
    options: Pick<AuditSettings, 'topic'> & Partial<AuditSettings>,
  ): DynamicModule {
    const settings: AuditSettings = {
      ledgerGroup: env.REPORTING_AUDIT_LEDGER_GROUP,
      skewMs: env.REPORTING_AUDIT_SKEW_MS,
      ledgerWaitMs: env.REPORTING_AUDIT_LEDGER_WAIT_MS,
      keep: env.REPORTING_AUDIT_KEEP,
      maxEvents: env.REPORTING_AUDIT_MAX_EVENTS,
      maxRunning: 2,
      maxListed: 1_000,
      pageSize: 5_000,
      ...options,
    };
    return {
      module: AuditsModule,
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_SETTINGS, useValue: settings },
        { provide: AuditStore, useValue: new AuditStore(settings.keep, settings.maxRunning) },
        AuditRunner,
      ],
    };
  }
}
