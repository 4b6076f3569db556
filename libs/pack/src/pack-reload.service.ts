import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { followTopic, KAFKA, type KafkaClient, type TopicFollower } from '@kt/bus';
import { decodePackEvent, PACK_EVENTS_TOPIC } from '@kt/contracts';
import { ActivePack } from './active-pack.js';
import { watchPackFile, type PackFileWatcher } from './pack-file.watcher.js';
import { formatIssues, type PackResult } from './pack.issue.js';
import { parsePack } from './pack.parser.js';

export interface PackReloadOptions {
  readonly path: string;
  /** One group per service instance: every instance must see every pack change. */
  readonly consumerGroup: string;
}

export const PACK_RELOAD_OPTIONS = Symbol('kt.pack.reload-options');

/**
 * Hot reload: a changed pack file, or a `pack.applied` record on `kt.pack-events.v1` for the pack
 * this instance runs (same name), is validated and swapped in atomically. An invalid pack leaves the one in force and says why; work in flight
 * finishes on the pack it started with (it holds that pack).
 */
@Injectable()
export class PackReloadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('pack');
  private watcher: PackFileWatcher | undefined;
  private follower: TopicFollower | undefined;

  constructor(
    private readonly active: ActivePack,
    @Inject(PACK_RELOAD_OPTIONS) private readonly options: PackReloadOptions,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
  ) {}

  onModuleInit(): void {
    const { path } = this.options;
    this.watcher = watchPackFile(path, (result) => this.apply(result, `file ${path}`));
    this.follower = followTopic(this.kafka, {
      groupId: this.options.consumerGroup,
      topics: [PACK_EVENTS_TOPIC],
      fromBeginning: false,
      onRetry: (error, delayMs) =>
        this.logger.warn(
          `pack events are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        ),
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodePackEvent(message.value);
          if (!decoded.ok) this.logger.error(`ignored a malformed pack event: ${decoded.reason}`);
          else if (decoded.value.pack.name !== this.active.current.name) {
            // The topic carries every pack of the cluster; this instance follows only its own.
            this.logger.debug(
              `ignored pack ${decoded.value.pack.name}: this instance runs ${this.active.current.name}`,
            );
          } else {
            const from = `kt.pack-events.v1 (applied by ${decoded.value.applied_by})`;
            this.apply(parsePack(decoded.value.content, { source: 'kt.pack-events.v1' }), from);
          }
          resolveOffset(message.offset);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.watcher?.close();
    await this.follower?.stop();
  }

  private apply(result: PackResult, from: string): void {
    if (!result.ok) {
      const current = this.active.current;
      this.logger.error(
        `invalid pack from ${from}; ${current.name}@${current.version} stays in force:\n${formatIssues(result.errors)}`,
      );
      return;
    }
    if (result.pack.sha256 === this.active.current.sha256) return;
    for (const warning of result.warnings) this.logger.warn(`${warning.path}: ${warning.message}`);
    this.active.swap(result.pack);
  }
}
