import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ReadinessService } from '@kt/service';
import { ActivePack } from './active-pack.js';
import { PACK_RELOAD_OPTIONS, PACK_VERIFIER, PackReloadService } from './pack-reload.service.js';
import { formatIssues, loadPackFile, PackVerifier } from '@kt/pack';

export interface PackModuleOptions {
  readonly path: string;
  /**
   * Hot reload from the file and `kt.pack-events.v1`, in this consumer group (one per instance:
   * every instance must see every change). Needs the bus (`BusModule`).
   */
  readonly reloadGroup?: string;
}

export class PackLoadError extends Error {}

/** Loads the pack file once at startup (refusing to start on an invalid one) and provides it as `ActivePack`. */
@Module({})
export class PackModule {
  static forRoot(options: PackModuleOptions): DynamicModule {
    return {
      module: PackModule,
      global: true,
      providers: [
        {
          provide: ActivePack,
          inject: [ReadinessService],
          useFactory: async (readiness: ReadinessService): Promise<ActivePack> => {
            const result = await loadPackFile(options.path);
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
                useValue: { path: options.path, consumerGroup: options.reloadGroup },
              },
              // Read at boot: a missing or malformed key file stops the service, naming the variable.
              { provide: PACK_VERIFIER, useFactory: () => PackVerifier.fromEnv(process.env) },
              PackReloadService,
            ]),
      ],
      exports: [ActivePack],
    };
  }
}
