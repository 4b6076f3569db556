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
  highWatermarks,
  KAFKA,
  topicId,
  startBatchConsumer,
  type BatchConsumer,
  type BatchContext,
  type BusProducer,
  type BusClient,
} from '@kt/bus';
import { createDeadLetter, deadLetterKey, encodeEvent } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { ReadinessService } from '@kt/service';
import { SPEND_APPLIED, type SpendAppliedBus } from '../spend/spend-applied.js';
import { sliceBatch, type Poison, type RawRecord } from './batch.slicer.js';
import { recordRefused } from './dead-letter.store.js';
import {
  logIdentity,
  UNCONFIRMED,
  type LogMismatch,
  type StoredCheckpoint,
  type TopicIdRead,
} from './log.identity.js';
import { failureKind, failureReason } from './pg.failure.js';
import { checkpointOnly, splitPerRecord } from './record.split.js';
import { LEDGER_SETTINGS, type LedgerSettings } from './ledger.settings.js';
import { LIVE_TABLES } from '@kt/spend';
import { MonthPartitions } from './month.partitions.js';
import { applySlice, type AppliedSlice, type ApplyOptions, type PartitionSlice } from './spend.applier.js';
import { LedgerMetrics } from '../telemetry/ledger.metrics.js';

export interface ProjectorStats {
  readonly running: boolean;
  readonly applied: number;
  readonly deadLettered: number;
  /** Set while the projection is stopped because the log is not the one it checkpointed. */
  readonly mismatch?: LogMismatch;
  /** Set while the projection waits because it cannot confirm the log is the one it checkpointed. */
  readonly unconfirmed?: string;
}

/** What a look at the log concluded: consume, stopped until a rebuild, or wait and look again. */
type LogCheck = 'matches' | 'foreign' | 'unconfirmed';

/** How often a running projection re-checks that the log is still the one it checkpointed. */
const LOG_CHECK_MS = 30_000;
/** A batch below the checkpoint re-checks the log at most this often (see `handleBatch`). */
const SEEK_CHECK_MS = 5_000;
/** While the log cannot be confirmed, the error is logged at most this often (retries are quicker). */
const UNCONFIRMED_LOG_MS = 60_000;

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
  private mismatch: LogMismatch | undefined;
  /** Why the log cannot be confirmed as the one checkpointed (its id cannot be read); else undefined. */
  private unconfirmed: string | undefined;
  private unconfirmedLoggedAt = 0;
  /** "This broker has no topic ids" is said once per process, not on every check. */
  private saidNoIds = false;
  /** Bumped by every outside `pause` (rebuild, verify, shutdown): a suspended projection then stays paused. */
  private pauses = 0;
  /** The topic id the log was last checked against, stored with every checkpoint. */
  private topicId: string | undefined;
  private logCheck: NodeJS.Timeout | undefined;
  private lastSeekCheck = 0;

  constructor(
    private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
    @Inject(SPEND_APPLIED) private readonly spendApplied: SpendAppliedBus,
    private readonly metrics: LedgerMetrics,
    @Inject(ReadinessService) readiness: ReadinessService,
  ) {
    this.partitions = new MonthPartitions(ds, LIVE_TABLES.entries);
    // The check's name is the reason /readyz turns false: the projection stopped on a foreign log,
    // or waits because it cannot tell (the reason then says so).
    readiness.register('projection_log_matches_checkpoints', () =>
      this.mismatch !== undefined
        ? false
        : this.unconfirmed !== undefined
          ? { ok: false, reason: this.unconfirmed }
          : true,
    );
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  stats(): ProjectorStats {
    return {
      running: this.consumer !== undefined,
      applied: this.applied,
      deadLettered: this.deadLettered,
      ...(this.mismatch ? { mismatch: this.mismatch } : {}),
      ...(this.unconfirmed !== undefined ? { unconfirmed: this.unconfirmed } : {}),
    };
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
    this.pauses++;
    await this.halt();
  }

  private async halt(): Promise<void> {
    this.stopping = true;
    clearInterval(this.logCheck);
    this.logCheck = undefined;
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
        // A log that is not the one checkpointed is never consumed: it would be skipped silently.
        const log = await this.checkLog();
        if (log === 'foreign') return;
        if (log === 'unconfirmed') {
          // Not consumed either: the lookup is retried with backoff until the id reads again.
          await sleep(delayMs);
          continue;
        }
        this.producer ??= createProducer(this.kafka);
        await this.producer.connect();
        const consumer = await this.subscribe();
        if (this.stopping) await consumer.stop();
        else {
          this.consumer = consumer;
          this.watchLog();
        }
        return;
      } catch (error) {
        this.logger.warn(`not projecting yet (${String(error)}); retrying in ${delayMs / 1000} s`);
        await sleep(delayMs);
      }
    }
  }

  /**
   * Compares the stored checkpoints (read first, so on the same log they can only be behind the
   * ends read after them) with the log's ends and topic id; on a mismatch stops loudly: error log,
   * metric, /readyz false, and the command that fixes it. When a stored id cannot be read now the
   * answer is `unconfirmed`: the same signals, and the caller waits and checks again.
   */
  private async checkLog(): Promise<LogCheck> {
    const { topic, consumerGroup } = this.settings;
    const rows = (await this.ds.query(
      `SELECT partition, next_offset::text AS next, topic_id FROM ${LIVE_TABLES.offsets}
        WHERE consumer = $1 AND topic = $2`,
      [consumerGroup, topic],
    )) as { partition: number; next: string; topic_id: string | null }[];
    const stored: StoredCheckpoint[] = rows.map((r) => ({
      partition: r.partition,
      next: BigInt(r.next),
      topicId: r.topic_id,
    }));
    const ends = await highWatermarks(this.kafka, topic);
    const read = await this.readTopicId();
    const identity = logIdentity(topic, stored, ends, read);
    this.metrics.logMismatch(topic, identity.state === 'mismatch');
    this.metrics.logUnconfirmed(topic, identity.state === 'unconfirmed');
    if (identity.state === 'unconfirmed') {
      this.notConfirmed(identity.reason, read.kind === 'error' ? read.error : '');
      return 'unconfirmed';
    }
    const wasUnconfirmed = this.unconfirmed !== undefined;
    this.unconfirmed = undefined;
    if (identity.state === 'matches') {
      if (wasUnconfirmed) this.logger.log(`the log of ${topic} is confirmed again; projecting`);
      // Cleared only here, once checked (after a rebuild made the checkpoints match the log).
      this.mismatch = undefined;
      // Kept when the id could not be read but none is stored yet: checkpoints keep what they had.
      if (identity.topicId !== undefined || read.kind === 'none') this.topicId = identity.topicId;
      if (identity.noIds && !this.saidNoIds) {
        this.saidNoIds = true;
        this.logger.warn(
          `the broker has no topic ids (Kafka before 2.8): a recreated ${topic} is detected only by checkpoints beyond its log end`,
        );
      }
      return 'matches';
    }
    if (this.mismatch?.message !== identity.mismatch.message) this.logger.error(identity.mismatch.message);
    this.mismatch = identity.mismatch;
    return 'foreign';
  }

  private readTopicId(): Promise<TopicIdRead> {
    return topicId(this.kafka, this.settings.topic).then(
      (id): TopicIdRead => (id === undefined ? { kind: 'none' } : { kind: 'id', id }),
      (error: unknown): TopicIdRead => ({ kind: 'error', error: String(error) }),
    );
  }

  /** Readiness false with the reason, gauge set, and an error log at most once a minute. */
  private notConfirmed(reason: string, cause: string): void {
    const now = Date.now();
    if (this.unconfirmed === undefined || now - this.unconfirmedLoggedAt >= UNCONFIRMED_LOG_MS) {
      this.unconfirmedLoggedAt = now;
      this.logger.error(`${reason}${cause ? ` (${cause})` : ''}; retrying with backoff`);
    }
    this.unconfirmed = reason;
  }

  /** While consuming, re-checks the log now and then: a topic recreated under a running ledger. */
  private watchLog(): void {
    clearInterval(this.logCheck);
    this.logCheck = setInterval(() => void this.recheckLog(), LOG_CHECK_MS);
    this.logCheck.unref();
  }

  /** True when consumption must stop: the log is foreign, or could not be confirmed (checked again later). */
  private async recheckLog(): Promise<boolean> {
    const log = await this.checkLog().catch((error: unknown): LogCheck => {
      // A check that fails confirms nothing: never read it as "the same log".
      this.notConfirmed(`${UNCONFIRMED}: the log could not be checked`, String(error));
      this.metrics.logUnconfirmed(this.settings.topic, true);
      return 'unconfirmed';
    });
    if (log === 'matches' || this.stopping) return log !== 'matches';
    // Not awaited: called from inside a batch, and stopping waits for that batch to end.
    if (log === 'foreign') void this.pause();
    else void this.suspend();
    return true;
  }

  /** Stops consuming and follows again (which retries the check with backoff), unless paused meanwhile. */
  private async suspend(): Promise<void> {
    const pauses = this.pauses;
    await this.halt();
    if (this.pauses === pauses) this.start();
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
    // Crashes before the consumer is handed back are run()'s to report (startBatchConsumer rejects).
    const started: { consumer?: BatchConsumer } = {};
    started.consumer = await startBatchConsumer(this.kafka, {
      groupId: this.settings.consumerGroup,
      topics: [this.settings.topic],
      fromBeginning: true,
      autoCommit: false,
      maxBytesPerPartition: this.settings.maxBytesPerPartition,
      partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
      handleBatch: (payload) => this.handleBatch(payload),
      // One trace from the client's request to its event's apply (tracing on only).
      traced: true,
      // A crashed consumer restarts itself unless the error is final; then follow again.
      onCrash: (error, restarting) => {
        const crashed = started.consumer;
        if (restarting || this.stopping || crashed === undefined) return;
        this.logger.error(`consumer crashed (${String(error)}); restarting`);
        this.consumer = undefined;
        void crashed.stop().then(() => this.start());
      },
    });
    return started.consumer;
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning }: BatchContext): Promise<void> {
    if (batch.messages.length === 0 || !isRunning()) return;
    const checkpoint = this.checkpoints.get(batch.partition) ?? 0n;
    const last = BigInt(batch.lastOffset());
    if (last < checkpoint) {
      // On a recreated topic the broker answers "out of range" for the checkpoint and the consumer
      // falls back to the log start, below it: check the log before seeking back up.
      if (Date.now() - this.lastSeekCheck > SEEK_CHECK_MS) {
        this.lastSeekCheck = Date.now();
        if (await this.recheckLog()) return;
      }
      // Already projected: continue from the checkpoint rather than re-reading up to it.
      const consumer = this.consumer;
      if (consumer) consumer.seek(batch.topic, batch.partition, checkpoint.toString());
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
    const began = performance.now();
    const rewound = this.rewound.get(batch.partition);
    const result = await this.apply(slice, batch.messages, {
      delayMs: this.settings.applyDelayMs,
      acceptGap: rewound !== undefined && BigInt(slice.firstOffset) > rewound,
      ...(this.topicId !== undefined ? { topicId: this.topicId } : {}),
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
      this.consumer?.seek(batch.topic, batch.partition, result.rewindTo.toString());
      return;
    }
    this.checkpoints.set(batch.partition, BigInt(slice.nextOffset));
    resolveOffset(batch.lastOffset());
    this.applied += result.events;
    this.metrics.batchApplied(result.events, (performance.now() - began) / 1000);
    if (result.events > 0) this.spendApplied.emit({ hours: result.hours, events: result.events });
    await heartbeat();
  }

  /**
   * One transaction for the batch; when PostgreSQL refuses it for good (see `failureKind`), record by
   * record, so only the record it refuses leaves the stream. A transient failure is thrown: kafkajs
   * retries the batch, nothing is lost.
   */
  private async apply(
    slice: PartitionSlice,
    records: readonly RawRecord[],
    opts: ApplyOptions,
  ): Promise<AppliedSlice> {
    try {
      return await this.applyOnce(slice, opts);
    } catch (error) {
      // A month partition dropped by another replica's swap is re-created on the next attempt.
      this.partitions.forget();
      if (failureKind(error) === 'transient') throw error;
      this.logger.warn(
        `partition ${slice.partition}: batch from offset ${slice.firstOffset} refused (${failureReason(error)}); applying it record by record`,
      );
      return this.applyRecordByRecord(slice, records, opts);
    }
  }

  private async applyOnce(slice: PartitionSlice, opts: ApplyOptions): Promise<AppliedSlice> {
    await this.partitions.ensure(slice.events.map((e) => e.occurred_at));
    return this.ds.transaction((em) => applySlice(em, LIVE_TABLES, slice, opts));
  }

  private async applyRecordByRecord(
    slice: PartitionSlice,
    records: readonly RawRecord[],
    opts: ApplyOptions,
  ): Promise<AppliedSlice> {
    const byOffset = new Map(records.map((r) => [r.offset, r]));
    const hours = new Set<string>();
    let events = 0;
    for (const part of splitPerRecord(slice)) {
      let result: AppliedSlice;
      try {
        result = await this.applyOnce(part, opts);
      } catch (error) {
        this.partitions.forget();
        if (failureKind(error) === 'transient') throw error;
        result = await this.refuse(part, byOffset.get(part.offsets[0] ?? ''), failureReason(error), opts);
      }
      if (result.rewindTo !== undefined)
        return { events, hours: [...hours].sort(), rewindTo: result.rewindTo };
      events += result.events;
      for (const h of result.hours) hours.add(h);
    }
    return { events, hours: [...hours].sort() };
  }

  /**
   * A record PostgreSQL refuses for good: dead-lettered (acknowledged by Kafka first, like the
   * decoder's poison), then, in one transaction, remembered in `ledger_dead_letters` (rebuild and
   * verify leave it out too) and passed by the checkpoint.
   */
  private async refuse(
    part: PartitionSlice,
    record: RawRecord | undefined,
    reason: string,
    opts: ApplyOptions,
  ): Promise<AppliedSlice> {
    const offset = part.offsets[0] ?? part.firstOffset;
    const failed = {
      topic: part.topic,
      partition: part.partition,
      offset,
      key: record?.key ?? null,
      value: record?.value ?? null,
    };
    await this.deadLetter([{ record: failed, reason }]);
    return this.ds.transaction(async (em) => {
      const result = await applySlice(em, LIVE_TABLES, checkpointOnly(part), opts);
      if (result.rewindTo === undefined)
        await recordRefused(em, { ...failed, consumer: part.consumer, value: failed.value, reason });
      return result;
    });
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
