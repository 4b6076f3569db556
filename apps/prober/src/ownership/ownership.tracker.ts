import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KAFKA, partitionCount, startBatchConsumer, type BatchConsumer, type BusClient } from '@kt/bus';
import { PROBE_SAMPLES_TOPIC } from '@kt/contracts';
import { PROBER_SETTINGS, type ProberSettings } from '../prober.settings.js';
import { NO_ASSIGNMENT, ownsTarget, type Assignment } from './target.ownership.js';

/**
 * One owner per target across prober instances, without a lease store: each instance joins consumer
 * group `KT_PROBER_GROUP` (default `kt-prober`) on `kt.probe-samples.v1` and probes the targets whose id hashes (Kafka's key
 * partitioner) to a partition it was assigned. When an instance stops, the group rebalances and the
 * survivors take its partitions; a target's samples land in the partition of the instance probing it.
 * The records themselves are read and dropped: membership is all that is wanted.
 */
@Injectable()
export class OwnershipTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ownership');
  private assignment: Assignment = NO_ASSIGNMENT;
  private consumer: BatchConsumer | undefined;
  private stopping = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(PROBER_SETTINGS) private readonly settings: ProberSettings,
  ) {}

  onModuleInit(): void {
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.assignment = NO_ASSIGNMENT;
    await this.disconnect();
  }

  owns(targetId: string): boolean {
    return ownsTarget(this.assignment, targetId);
  }

  /** The partitions held now, for logs and tests. */
  current(): Assignment {
    return this.assignment;
  }

  /** Joins the group, retrying with backoff while Kafka is unavailable; owns nothing meanwhile. */
  private async follow(): Promise<void> {
    for (let delayMs = 1_000; !this.stopping; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        await this.join();
        return;
      } catch (error) {
        await this.disconnect();
        this.logger.warn(
          `not in group ${this.settings.groupId} yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        );
        await sleep(delayMs, undefined, { ref: false });
      }
    }
  }

  private async join(): Promise<void> {
    const consumer = await startBatchConsumer(this.kafka, {
      groupId: this.settings.groupId,
      topics: [PROBE_SAMPLES_TOPIC],
      fromBeginning: false,
      // The records are not wanted, only the membership: each batch is marked read as it comes.
      handleBatch: async ({ batch, resolveOffset }) => resolveOffset(batch.lastOffset()),
      onGroupJoin: (assignment) => void this.assign(assignment[PROBE_SAMPLES_TOPIC] ?? []),
      onCrash: (_error, restarting) => {
        this.assignment = NO_ASSIGNMENT;
        if (!restarting && !this.stopping) {
          this.logger.error(`left group ${this.settings.groupId} after a crash; rejoining`);
          void this.disconnect().then(() => this.follow());
        }
      },
    });
    if (this.stopping) await consumer.stop();
    else this.consumer = consumer;
  }

  private async assign(partitions: readonly number[]): Promise<void> {
    const partitionCount = await this.partitionCount();
    if (this.stopping) return;
    this.assignment = { partitions: new Set(partitions), partitionCount };
    this.logger.log(
      `probing the targets of partitions [${[...partitions].sort((a, b) => a - b).join(', ')}] of ${partitionCount}`,
    );
  }

  /** The topic's partition count, which the key hash is taken modulo (read at each assignment: it may grow). */
  private async partitionCount(): Promise<number> {
    try {
      return await partitionCount(this.kafka, PROBE_SAMPLES_TOPIC, { abandoned: () => this.stopping });
    } catch (error) {
      this.logger.error(`cannot read the partitions of ${PROBE_SAMPLES_TOPIC}: ${String(error)}`);
      return 0;
    }
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }
}
