import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KAFKA, startBatchConsumer, type BatchConsumer, type KafkaClient } from '@kt/bus';
import { decodePackEvent, PACK_EVENTS_TOPIC } from '@kt/contracts';
import {
  ActivePack,
  formatIssues,
  parsePack,
  watchPackFile,
  type PackFileWatcher,
  type PackResult,
} from '@kt/pack';
import { PROBER_SETTINGS, type ProberSettings } from '../prober.settings.js';

/**
 * Hot reload, as in the gateway: a changed pack file, or a `pack.applied` record on
 * `kt.pack-events.v1`, is validated and swapped in; an invalid pack leaves the one in force.
 * The scheduler follows the swap (new targets, removed targets, new health-check settings).
 */
@Injectable()
export class PackReloadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('pack');
  private watcher: PackFileWatcher | undefined;
  private consumer: BatchConsumer | undefined;
  private stopping = false;

  constructor(
    private readonly active: ActivePack,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(PROBER_SETTINGS) private readonly settings: ProberSettings,
  ) {}

  onModuleInit(): void {
    const path = this.settings.packPath;
    this.watcher = watchPackFile(path, (result) => this.apply(result, `file ${path}`));
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.watcher?.close();
    await this.consumer?.stop();
  }

  /** Follows `kt.pack-events.v1`, retrying with backoff while Kafka is unavailable (probing goes on meanwhile). */
  private async follow(): Promise<void> {
    for (let delayMs = 1_000; !this.stopping; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        const consumer = await this.subscribe();
        if (this.stopping) await consumer.stop();
        else this.consumer = consumer;
        return;
      } catch (error) {
        this.logger.warn(
          `pack events are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        );
        await sleep(delayMs, undefined, { ref: false });
      }
    }
  }

  private subscribe(): Promise<BatchConsumer> {
    // Every prober must see every pack change, so each instance reads the topic in its own group.
    return startBatchConsumer(this.kafka, {
      groupId: `kt-prober-packs-${this.settings.instanceId}`,
      topics: [PACK_EVENTS_TOPIC],
      fromBeginning: false,
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodePackEvent(message.value);
          if (!decoded.ok) this.logger.error(`ignored a malformed pack event: ${decoded.reason}`);
          else {
            const from = `kt.pack-events.v1 (applied by ${decoded.value.applied_by})`;
            this.apply(parsePack(decoded.value.content, { source: 'kt.pack-events.v1' }), from);
          }
          resolveOffset(message.offset);
        }
      },
    });
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
