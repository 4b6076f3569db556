import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  createProducer,
  KAFKA,
  startBatchConsumer,
  type BatchConsumer,
  type BusProducer,
  type EachBatchPayload,
  type KafkaClient,
} from '@kt/bus';
import { createDeadLetter, deadLetterKey, encodeEvent } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { SPEND_APPLIED, type SpendAppliedBus } from '../spend/spend-applied.js';
import { sliceBatch, type Poison } from './batch.slicer.js';
import { LEDGER_SETTINGS, type LedgerSettings } from './ledger.settings.js';
import { LIVE_TABLES } from '@kt/spend';
import { MonthPartitions } from './month.partitions.js';
import { applySlice } from './spend.applier.js';
import { LedgerMetrics } from '../telemetry/ledger.metrics.js';

export interface ProjectorStats {
  readonly running: boolean;
  readonly applied: number;
  readonly deadLettered: number;
}

/**
 * Follows the route-event topic and projects it into Postgres. Checkpoints live in
 * `ledger_offsets` (never in Kafka), written in the batch's transaction; a batch that starts
 * below the checkpoint makes the consumer seek to it.
 */
@Injectable()
export class SpendProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ledger');
  private consumer: BatchConsumer | undefined;
  private producer: BusProducer | undefined;
  private readonly checkpoints = new Map<number, bigint>();
  /** Per partition, the checkpoint last re-read from after a gap (see `acceptGap`). */
  private readonly rewound = new Map<number, bigint>();
  private partitions: MonthPartitions;
  private following: Promise<void> | undefined;
  private stopping = false;
  private applied = 0;
  private deadLettered = 0;

  constructor(
    private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
    @Inject(SPEND_APPLIED) private readonly spendApplied: SpendAppliedBus,
    private readonly metrics: LedgerMetrics,
  ) {
    this.partitions = new MonthPartitions(ds, LIVE_TABLES.entries);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  stats(): ProjectorStats {
    return { running: this.consumer !== undefined, applied: this.applied, deadLettered: this.deadLettered };
  }

  /** Starts following (again); retried with backoff while Kafka or Postgres is unavailable. */
  start(): void {
    this.stopping = false;
    // A rebuild may have swapped the tables: forget which partitions exist.
    this.partitions = new MonthPartitions(this.ds, LIVE_TABLES.entries);
    this.following ??= this.follow().finally(() => {
      this.following = undefined;
    });
  }

  /** Stops consuming and waits until no batch is in flight (rebuild and verify hold this "lock"). */
  async pause(): Promise<void> {
    this.stopping = true;
    await this.following;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
  }

  private async follow(): Promise<void> {
    for (let delayMs = 500; !this.stopping; delayMs = Math.min(delayMs * 2, 10_000)) {
      try {
        await this.loadCheckpoints();
        this.producer ??= createProducer(this.kafka);
        await this.producer.connect();
        const consumer = await this.subscribe();
        if (this.stopping) await consumer.stop();
        else this.consumer = consumer;
        return;
      } catch (error) {
        this.logger.warn(`not projecting yet (${String(error)}); retrying in ${delayMs / 1000} s`);
        await sleep(delayMs);
      }
    }
  }

  private async loadCheckpoints(): Promise<void> {
    const rows = (await this.ds.query(
      `SELECT partition, next_offset::text AS next FROM ${LIVE_TABLES.offsets} WHERE consumer = $1 AND topic = $2`,
      [this.settings.consumerGroup, this.settings.topic],
    )) as { partition: number; next: string }[];
    this.checkpoints.clear();
    this.rewound.clear();
    for (const r of rows) this.checkpoints.set(r.partition, BigInt(r.next));
  }

  private async subscribe(): Promise<BatchConsumer> {
    const consumer = await startBatchConsumer(this.kafka, {
      groupId: this.settings.consumerGroup,
      topics: [this.settings.topic],
      fromBeginning: true,
      autoCommit: false,
      maxBytesPerPartition: this.settings.maxBytesPerPartition,
      partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
      handleBatch: (payload) => this.handleBatch(payload),
      // One trace from the client's request to its event's apply (tracing on only).
      traced: true,
    });
    // kafkajs restarts a crashed consumer itself unless the error is final; then follow again.
    consumer.raw.on(consumer.raw.events.CRASH, (event) => {
      if (event.payload.restart || this.stopping) return;
      this.logger.error(`consumer crashed (${String(event.payload.error)}); restarting`);
      this.consumer = undefined;
      void consumer.stop().then(() => this.start());
    });
    return consumer;
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning()) return;
    const checkpoint = this.checkpoints.get(batch.partition) ?? 0n;
    const last = BigInt(batch.lastOffset());
    if (last < checkpoint) {
      // Already projected: continue from the checkpoint rather than re-reading up to it.
      const raw = this.consumer?.raw;
      if (raw) raw.seek({ topic: batch.topic, partition: batch.partition, offset: checkpoint.toString() });
      else resolveOffset(batch.lastOffset());
      return;
    }
    const { slice, poison } = sliceBatch(
      this.settings.consumerGroup,
      batch.topic,
      batch.partition,
      batch.messages,
    );
    await this.deadLetter(poison.filter((p) => BigInt(p.record.offset) >= checkpoint));
    await this.partitions.ensure(slice.events.map((e) => e.occurred_at));
    const began = performance.now();
    const rewound = this.rewound.get(batch.partition);
    const result = await this.ds
      .transaction((em) =>
        applySlice(em, LIVE_TABLES, slice, {
          delayMs: this.settings.applyDelayMs,
          acceptGap: rewound !== undefined && BigInt(slice.firstOffset) > rewound,
        }),
      )
      .catch((error: unknown) => {
        // kafkajs retries the batch; a month partition dropped by another replica's swap is re-created.
        this.partitions.forget();
        throw error;
      });
    if (rewound !== undefined && result.rewindTo === undefined) {
      this.rewound.delete(batch.partition);
      if (BigInt(slice.firstOffset) > rewound)
        this.logger.warn(
          `partition ${batch.partition}: records ${rewound}..${BigInt(slice.firstOffset) - 1n} are no longer in the topic (retention); projected from ${slice.firstOffset}`,
        );
    }
    if (result.rewindTo !== undefined) {
      // The table's checkpoint moved back under us (a rebuild swap by another replica): re-read.
      this.logger.warn(
        `partition ${batch.partition}: checkpoint ${result.rewindTo} is behind the fetched offset ${slice.firstOffset}; re-reading from it`,
      );
      this.rewound.set(batch.partition, result.rewindTo);
      this.partitions.forget();
      this.checkpoints.set(batch.partition, result.rewindTo);
      this.consumer?.raw.seek({
        topic: batch.topic,
        partition: batch.partition,
        offset: result.rewindTo.toString(),
      });
      return;
    }
    this.checkpoints.set(batch.partition, BigInt(slice.nextOffset));
    resolveOffset(batch.lastOffset());
    this.applied += result.events;
    this.metrics.batchApplied(result.events, (performance.now() - began) / 1000);
    if (result.events > 0) this.spendApplied.emit({ hours: result.hours, events: result.events });
    await heartbeat();
  }

  /** Dead letters are acknowledged by Kafka before the checkpoint passes them: a crash re-sends, never loses. */
  private async deadLetter(poison: readonly Poison[]): Promise<void> {
    if (poison.length === 0 || !this.producer) {
      if (poison.length > 0) throw new Error('dead-letter producer not connected');
      return;
    }
    const group = this.settings.consumerGroup;
    await this.producer.send(
      this.settings.deadLetterTopic,
      poison.map((p) => ({
        key: deadLetterKey(p.record.topic, p.record.partition, p.record.offset),
        value: encodeEvent(createDeadLetter(p.record, p.reason, group)),
      })),
    );
    this.deadLettered += poison.length;
    this.metrics.deadLettered(poison.length);
    for (const p of poison)
      this.logger.warn(
        `dead-lettered ${p.record.topic}:${p.record.partition}:${p.record.offset}: ${p.reason}`,
      );
  }
}
