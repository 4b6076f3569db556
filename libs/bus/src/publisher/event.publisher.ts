import type { BusClient } from '../bus.client.js';
import { setTimeout as delay } from 'node:timers/promises';
import { createProduceDeadLetter, DEAD_LETTER_TOPIC, produceDeadLetterKey } from '@kt/contracts';
import { DeadLetterFile } from './dead-letter.file.js';
import { ErrorReporter } from './error.reporter.js';
import { Wakeup, withDeadline } from './loop.wakeup.js';
import { ProducerLink } from './producer.link.js';
import { RecordLimits } from './record.limits.js';
import { recordBytes, type PublishRecord } from './publish.record.js';
import { withTraceHeaders } from './record.tracing.js';
import {
  backoffDelay,
  resolvePublisherConfig,
  type EventPublisherOptions,
  type PublisherConfig,
  type PublisherState,
} from './publisher.config.js';
import { RecordQueue } from './record.queue.js';
import { SpoolStore } from './spool.store.js';

export interface PublisherStats {
  /** Records in memory, waiting for the next batch. */
  readonly queued: number;
  /** Records on disk not yet acknowledged by the broker. */
  readonly spooledRecords: number;
  readonly spooledBytes: number;
  /** Records the broker acknowledged (a re-sent record counts again). */
  readonly sent: number;
  readonly failedSends: number;
  /** Damaged records skipped in a spool left by a crash. */
  readonly skippedRecords: number;
  readonly state: PublisherState;
  /** Records that can never be published, handed to `kt.dead-letter.v1` (or the local file). */
  readonly deadLettered: number;
  /** Dead letters written to the local file because `kt.dead-letter.v1` refused them too. */
  readonly deadLetterFileRecords: number;
  /** Dead letters dropped from the local file by its rotation. */
  readonly deadLetterFileDropped: number;
  /** How long the oldest record on disk has waited (ms); 0 when the spool is empty. */
  readonly oldestSpooledAgeMs: number;
  /** Errors by reason (broker error type, error class, `broker_unreachable`, `spool_io`, …). */
  readonly errors: Readonly<Record<string, number>>;
}

export interface CloseOptions {
  /** How long to keep sending what is queued before spooling the rest; default 5 s. */
  readonly timeoutMs?: number;
}

type Phase = 'created' | 'running' | 'closing' | 'closed';

/**
 * The gateway's road to Kafka. `publish` never waits, never throws because of the broker and
 * never drops a record: records go through a bounded queue to an idempotent producer (`acks: -1`)
 * and, while the broker is unreachable or the queue is full, to an append-only spool on disk that
 * is drained, oldest first, once the broker answers again — also by the next process on that spool.
 *
 * Delivery is at-least-once: a spool segment is deleted only after all its records were
 * acknowledged, so a crash mid-drain re-sends it, and a send whose acks are lost is spooled and
 * re-sent. Consumers de-duplicate by event id (the ledger's unique event ids do).
 *
 * Order per key holds, with one exception: when the queue overflows while a batch is in flight and
 * that send then fails, the batch is spooled behind the records that overflowed.
 *
 * No record can block the stream: one that can never be published (larger than its topic accepts,
 * or refused by the broker as invalid) is dead-lettered to `kt.dead-letter.v1` — a bounded excerpt,
 * its size, hash and reason — or, when that topic refuses it too (also for want of an ACL), to a
 * bounded local file next to the spool, and the records behind it move on. A main topic the
 * principal may not write is retried (an operator adds the ACL; no event is lost) and logged as such. Records are checked against the topic's limit
 * before they are queued or spooled, and again when a spool (also an older version's) is drained.
 *
 * Give it a client made with `retry: PUBLISHER_CLIENT_RETRY`, so a send to a dead broker fails in
 * seconds; `sendTimeoutMs` caps a send either way.
 */
export class EventPublisher {
  private readonly config: PublisherConfig;
  private readonly queue: RecordQueue<PublishRecord>;
  private readonly spool: SpoolStore;
  private readonly wakeup = new Wakeup();
  private state: PublisherState = 'spooling';
  private phase: Phase = 'created';
  private readonly link: ProducerLink;
  private loop: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** The batch taken from the queue whose acks are awaited. */
  private inFlight: readonly PublishRecord[] | undefined;
  /** Set when close() stops waiting: the loop must not touch anything after that. */
  private abandoned = false;
  private readonly limits: RecordLimits;
  private readonly errors: ErrorReporter;
  private deadLetterFile: DeadLetterFile | undefined;
  private deadLettered = 0;

  constructor(
    private readonly kafka: BusClient,
    private readonly opts: EventPublisherOptions = {},
  ) {
    this.config = resolvePublisherConfig(opts);
    this.errors = new ErrorReporter((error) => this.emitError(error), this.config.errorLogIntervalMs);
    this.limits = new RecordLimits(this.config.maxMessageBytes);
    this.limits.expect([...(opts.topics ?? []), DEAD_LETTER_TOPIC]);
    this.link = new ProducerLink(kafka, this.config, (reason, error) => this.errors.report(reason, error));
    this.queue = new RecordQueue(this.config.capacity);
    this.spool = new SpoolStore(this.config.spoolDir, {
      segmentBytes: this.config.segmentBytes,
      onError: (error) => this.errors.report('spool_io', error),
    });
  }

  /** Takes over the spool dir (and what a previous process left in it) and starts sending. */
  async start(): Promise<void> {
    if (this.phase !== 'created') throw new Error('EventPublisher: start() was already called');
    await this.spool.open();
    this.deadLetterFile = new DeadLetterFile(this.config.spoolDir, this.config.deadLetterFileBytes);
    this.phase = 'running';
    // A spool left by a previous process goes first; until it is drained new records queue behind it.
    if (await this.link.connect()) {
      await this.learnLimits();
      if (this.spool.isEmpty) this.setState('connected');
    }
    this.loop = this.run();
  }

  publish(untraced: PublishRecord): void {
    if (this.phase !== 'running' && this.phase !== 'closing') {
      throw new Error(`EventPublisher: publish() while ${this.phase}`);
    }
    const record = withTraceHeaders(untraced);
    const fits = this.limits.check(record);
    if (!fits.ok) {
      this.deadLetter(record, fits.reason);
      return;
    }
    this.enqueue(record);
  }

  /** Into the queue while connected, else (or when it is full) onto the spool behind what waits there. */
  private enqueue(record: PublishRecord): void {
    if (this.state === 'connected') {
      if (this.queue.push(record)) {
        this.wakeup.notify();
        return;
      }
      this.toSpool();
    }
    this.spool.append(record);
  }

  stats(): PublisherStats {
    return {
      queued: this.queue.size,
      spooledRecords: this.spool.records,
      spooledBytes: this.spool.bytes,
      sent: this.link.sent,
      failedSends: this.link.failedSends,
      skippedRecords: this.spool.skippedRecords,
      state: this.state,
      deadLettered: this.deadLettered,
      deadLetterFileRecords: this.deadLetterFile?.written ?? 0,
      deadLetterFileDropped: this.deadLetterFile?.dropped ?? 0,
      oldestSpooledAgeMs: this.oldestSpooledAgeMs(),
      errors: this.errors.byReason,
    };
  }

  /** How long the oldest record on disk has waited for the broker; 0 when nothing waits. */
  oldestSpooledAgeMs(now: number = Date.now()): number {
    const at = this.spool.oldestRecordAt;
    return at === undefined ? 0 : Math.max(0, now - at);
  }

  /**
   * Sends what is queued while the broker answers (up to `timeoutMs`), spools the rest, syncs the
   * spool and disconnects. Records published meanwhile are still taken.
   */
  close(opts: CloseOptions = {}): Promise<void> {
    this.closing ??= this.shutdown(opts.timeoutMs ?? 5_000);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    if (this.phase === 'created') {
      this.phase = 'closed';
      return;
    }
    this.phase = 'closing';
    this.wakeup.notify();
    const stopped = await withDeadline(this.loop, timeoutMs, 'flushing the queue').then(
      () => true,
      () => false,
    );
    if (!stopped) {
      this.abandoned = true;
      this.wakeup.notify();
      // Its acks did not come in time: spooled, so sent twice at worst, never lost.
      for (const record of this.inFlight ?? []) this.spool.append(record);
      this.inFlight = undefined;
    }
    if (this.queue.size > 0) this.toSpool();
    this.phase = 'closed';
    await Promise.all([this.spool.close(), this.link.disconnect()]);
  }

  private async run(): Promise<void> {
    while (!this.abandoned) {
      try {
        if (!(await this.step())) return;
      } catch (error) {
        // Spool I/O failed (disk full, permissions): say so and try again later, never stop.
        this.errors.report('spool_io', error);
        await this.wakeup.wait(this.config.backoff.maxMs);
      }
    }
  }

  /** One unit of background work; false once closing leaves nothing more to do. */
  private async step(): Promise<boolean> {
    if (this.queue.size > 0) {
      await this.sendQueued();
    } else if (this.phase === 'closing') {
      return false; // what is spooled stays for the next start
    } else if (!this.link.connected) {
      await this.reconnect();
    } else if (this.limits.hasUnlearned) {
      await this.learnLimits();
    } else if (!this.spool.isEmpty) {
      await this.drainOldest();
    } else {
      this.setState('connected');
      await this.wakeup.wait();
    }
    return true;
  }

  private async sendQueued(): Promise<void> {
    if (this.queue.size < this.config.maxBatch && this.phase === 'running' && this.config.lingerMs > 0) {
      await delay(this.config.lingerMs);
    }
    const batch = this.queue.take(this.config.maxBatch, this.config.maxBatchBytes, recordBytes);
    if (batch.length === 0) return; // spilled to the spool while lingering
    this.inFlight = batch;
    const result = await this.link.send(batch);
    if (this.abandoned) return;
    this.inFlight = undefined;
    if (result.ok) return;
    // The failed batch is older than anything still queued: it goes to the spool first. A record
    // the broker refused is found there, sent alone, and dead-lettered (see drainOldest).
    for (const record of batch) this.spool.append(record);
    this.toSpool();
    this.link.drop();
  }

  private async drainOldest(): Promise<void> {
    const segment = await this.spool.oldest();
    if (segment === undefined || this.abandoned) return;
    this.setState('draining');
    const records = await this.spool.read(segment);
    // Records up to here are sent one by one: a batch the broker refused for one record's sake.
    let aloneUntil = 0;
    // What was acknowledged before a failed attempt is not sent again by this process.
    for (let at = segment.sent; at < records.length;) {
      const head = records[at] as PublishRecord;
      const fits = this.limits.check(head);
      if (!fits.ok) {
        // Spooled by an older version, or before the topic's limit was known: never publishable.
        this.deadLetter(head, fits.reason);
        this.spool.markSent(segment, 1);
        at += 1;
        continue;
      }
      // A per-record refusal drops the producer (its sequence numbers are in doubt): a fresh one, no backoff.
      if (!this.link.connected && !(await this.link.connect())) return this.stopDraining();
      if (this.abandoned) return;
      const batch = at < aloneUntil ? [head] : this.nextBatch(records, at);
      const result = await this.link.send(batch);
      if (this.abandoned) return;
      if (!result.ok) {
        this.link.drop();
        const { kind, reason } = result.failure;
        if (kind === 'transient') return this.stopDraining();
        if (batch.length > 1) {
          // Which record (or, when denied, which topic) the broker refused: each is sent alone.
          aloneUntil = at + batch.length;
          continue;
        }
        if (kind === 'denied') {
          // An event waits for the operator's ACL (logged as such) and is never lost; a dead letter
          // the principal may not write goes to the local file, or it would block every event behind it.
          if (head.topic !== DEAD_LETTER_TOPIC) return this.stopDraining();
          this.toDeadLetterFile(head, `${reason}: refused by the broker`);
        } else {
          this.deadLetter(head, `${reason}: refused by the broker`);
        }
      }
      this.spool.markSent(segment, batch.length);
      at += batch.length;
    }
    // Deleted only now: a crash before this re-sends the segment on restart (at-least-once).
    await this.spool.remove(segment);
  }

  private stopDraining(): void {
    this.link.drop();
    this.setState('spooling');
  }

  /** Records from `from` for one send; stops before one that does not fit its topic (it goes alone). */
  private nextBatch(records: readonly PublishRecord[], from: number): readonly PublishRecord[] {
    let end = from;
    for (let bytes = 0; end < records.length && end - from < this.config.maxBatch; end += 1) {
      const record = records[end] as PublishRecord;
      bytes += recordBytes(record);
      if (end > from && (bytes > this.config.maxBatchBytes || !this.limits.check(record).ok)) break;
    }
    return records.slice(from, end);
  }

  /**
   * Hands a record that can never be published to `kt.dead-letter.v1` through the same queue and
   * spool (so the dead letter itself survives an outage), and the stream moves on. A dead letter
   * that cannot be published either goes to the local file.
   */
  private deadLetter(record: PublishRecord, reason: string): void {
    this.deadLettered += 1;
    const event = createProduceDeadLetter(record, reason, this.config.source);
    this.errors.report(
      'dead_lettered',
      new Error(
        `a record for ${record.topic} can never be published (${reason.split(':')[0]}); dead-lettered`,
      ),
    );
    if (record.topic === DEAD_LETTER_TOPIC) {
      this.toDeadLetterFile(record, reason);
      return;
    }
    const letter: PublishRecord = {
      topic: DEAD_LETTER_TOPIC,
      key: produceDeadLetterKey(event),
      value: Buffer.from(JSON.stringify(event)),
    };
    const fits = this.limits.check(letter);
    if (fits.ok) this.enqueue(letter);
    else this.toDeadLetterFile(letter, fits.reason);
  }

  private toDeadLetterFile(record: PublishRecord, reason: string): void {
    try {
      const file =
        this.deadLetterFile ?? new DeadLetterFile(this.config.spoolDir, this.config.deadLetterFileBytes);
      this.deadLetterFile = file;
      // The record here is a dead letter already (bounded) or one for the dead-letter topic: kept bounded again.
      file.append(createProduceDeadLetter(record, reason, this.config.source));
    } catch (error) {
      this.errors.report('dead_letter_file', error);
    }
  }

  /** The topics' size limits, from the broker; a failure keeps the defaults and is only counted. */
  private async learnLimits(): Promise<void> {
    try {
      await this.limits.learn(this.kafka, this.config.probeTimeoutMs);
    } catch (error) {
      this.errors.report('describe_configs', error);
    }
  }

  /** Everything queued goes to the spool ahead of newer records, keeping per-key order. */
  private toSpool(): void {
    for (const record of this.queue.take(this.queue.size)) this.spool.append(record);
    this.setState('spooling');
  }

  /**
   * Waits out the backoff, then probes and connects. The backoff grows with every failed probe or
   * send and resets only on an acknowledged send: a broker that answers probes but refuses the
   * records (a topic not created yet) is retried at the same slowing pace as one that is down.
   */
  private async reconnect(): Promise<void> {
    const failures = this.link.failures;
    if (failures > 0) await this.wakeup.wait(backoffDelay(failures - 1, this.config.backoff));
    if (this.phase === 'running' && (await this.link.connect())) await this.learnLimits();
  }

  private setState(next: PublisherState): void {
    const previous = this.state;
    if (next === previous) return;
    this.state = next;
    try {
      this.opts.onStateChange?.(next, previous);
    } catch (error) {
      this.errors.report('state_callback', error);
    }
  }

  private emitError(error: Error): void {
    this.opts.onError?.(error);
  }
}
