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
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';

export const PACK_PATH = Symbol('kt.gateway.pack-path');

/**
 * Hot reload: a changed pack file, or a `pack.applied` record on `kt.pack-events.v1`, is validated
 * and swapped in atomically. An invalid pack leaves the one in force and says why; requests in
 * flight finish on the pack they started with (they hold its runtime).
 */
@Injectable()
export class PackReloadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('pack');
  private watcher: PackFileWatcher | undefined;
  private consumer: BatchConsumer | undefined;
  private stopping = false;

  constructor(
    private readonly active: ActivePack,
    @Inject(PACK_PATH) private readonly path: string,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onModuleInit(): void {
    this.watcher = watchPackFile(this.path, (result) => this.apply(result, `file ${this.path}`));
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.watcher?.close();
    await this.consumer?.stop();
  }

  /** Follows `kt.pack-events.v1`, retrying with backoff while Kafka is unavailable (the gateway serves meanwhile). */
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
        await sleep(delayMs);
      }
    }
  }

  private subscribe(): Promise<BatchConsumer> {
    // Every gateway must see every pack change, so each instance reads the topic in its own group.
    return startBatchConsumer(this.kafka, {
      groupId: `kt-gateway-packs-${this.settings.instanceId}`,
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
