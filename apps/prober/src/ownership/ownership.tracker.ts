import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CONSUMER_TIMEOUTS, KAFKA, type Consumer, type KafkaClient } from '@kt/bus';
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
  private consumer: Consumer | undefined;
  private stopping = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaClient,
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
    const consumer = this.kafka.consumer({
      groupId: this.settings.groupId,
      ...CONSUMER_TIMEOUTS,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    // Listeners go on before run(): the first assignment arrives while run() is joining.
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[PROBE_SAMPLES_TOPIC] ?? [];
      void this.assign(partitions);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.assignment = NO_ASSIGNMENT;
      if (!event.payload.restart && !this.stopping) {
        this.logger.error(`left group ${this.settings.groupId} after a crash; rejoining`);
        void this.disconnect().then(() => this.follow());
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [PROBE_SAMPLES_TOPIC], fromBeginning: false });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: true,
      eachBatch: async () => undefined,
    });
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
    const admin = this.kafka.admin();
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.connect();
        const metadata = await admin.fetchTopicMetadata({ topics: [PROBE_SAMPLES_TOPIC] });
        return metadata.topics[0]?.partitions.length ?? 0;
      } catch (error) {
        if (attempt >= 5 || this.stopping) {
          this.logger.error(`cannot read the partitions of ${PROBE_SAMPLES_TOPIC}: ${String(error)}`);
          return 0;
        }
        await sleep(500 * attempt);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer === undefined) return;
    // kafkajs may wait forever for a broker that has gone; shutting down must not.
    await Promise.race([
      consumer.disconnect().catch(() => undefined),
      sleep(5_000, undefined, { ref: false }),
    ]);
  }
}
