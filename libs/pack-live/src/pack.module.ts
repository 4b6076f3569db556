import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ReadinessService } from '@kt/service';
import { ActivePack } from './active-pack.js';
import { PACK_RELOAD_OPTIONS, PACK_VERIFIER, PackReloadService } from './pack-reload.service.js';
import { formatIssues, loadPackFile, PackVerifier, type Env } from '@kt/pack';

export interface PackModuleOptions {
  readonly path: string;
  /**
   * Hot reload from the file and `kt.pack-events.v1`, in this consumer group (one per instance:
   * every instance must see every change). Needs the bus (`BusModule`).
   */
  readonly reloadGroup?: string;
  /**
   * The service's environment as captured at boot: the pack's `${VAR}` references and
   * `KT_PACK_VERIFY_KEY_FILE` / `KT_PACK_ALLOW_UNSIGNED` are read from it.
   */
  readonly env: Env;
}

export class PackLoadError extends Error {}

/** Loads the pack file once at startup (refusing to start on an invalid one) and provides it as `ActivePack`. */
@Module({})
export class PackModule {
  static forRoot(options: PackModuleOptions): DynamicModule {
    const { env } = options;
    return {
      module: PackModule,
      global: true,
      providers: [
        {
          provide: ActivePack,
          inject: [ReadinessService],
          useFactory: async (readiness: ReadinessService): Promise<ActivePack> => {
            const result = await loadPackFile(options.path, { env });
            const logger = new Logger('pack');
            for (const warning of result.warnings) logger.warn(`${warning.path}: ${warning.message}`);
            if (!result.ok) {
              throw new PackLoadError(`invalid pack ${options.path}:\n${formatIssues(result.errors)}`);
            }
            const active = new ActivePack(result.pack);
            readiness.register('pack', () => active.current.enabled);
            return active;
          },
        },
        ...(options.reloadGroup === undefined
          ? []
          : [
              {
                provide: PACK_RELOAD_OPTIONS,
                useValue: { path: options.path, consumerGroup: options.reloadGroup, env },
              },
              // Read at boot: a missing or malformed key file stops the service, naming the variable.
              { provide: PACK_VERIFIER, useFactory: () => PackVerifier.fromEnv(env) },
              PackReloadService,
            ]),
      ],
      exports: [ActivePack],
    };
  }
}
