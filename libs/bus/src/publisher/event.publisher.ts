import { setTimeout as delay } from 'node:timers/promises';
import type { Kafka as KafkaClient } from 'kafkajs';
import { Wakeup, withDeadline } from './loop.wakeup.js';
import { ProducerLink } from './producer.link.js';
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

  constructor(
    kafka: KafkaClient,
    private readonly opts: EventPublisherOptions = {},
  ) {
    this.config = resolvePublisherConfig(opts);
    this.link = new ProducerLink(kafka, this.config, (error) => this.report(error));
    this.queue = new RecordQueue(this.config.capacity);
    this.spool = new SpoolStore(this.config.spoolDir, {
      segmentBytes: this.config.segmentBytes,
      onError: (error) => this.report(error),
    });
  }

  /** Takes over the spool dir (and what a previous process left in it) and starts sending. */
  async start(): Promise<void> {
    if (this.phase !== 'created') throw new Error('EventPublisher: start() was already called');
    await this.spool.open();
    this.phase = 'running';
    // A spool left by a previous process goes first; until it is drained new records queue behind it.
    if ((await this.link.connect()) && this.spool.isEmpty) this.setState('connected');
    this.loop = this.run();
  }

  publish(untraced: PublishRecord): void {
    if (this.phase !== 'running' && this.phase !== 'closing') {
      throw new Error(`EventPublisher: publish() while ${this.phase}`);
    }
    const record = withTraceHeaders(untraced);
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
    };
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
        this.report(error);
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
    const ok = await this.link.send(batch);
    if (this.abandoned) return;
    this.inFlight = undefined;
    if (ok) return;
    // The failed batch is older than anything still queued: it goes to the spool first.
    for (const record of batch) this.spool.append(record);
    this.toSpool();
    this.link.drop();
  }

  private async drainOldest(): Promise<void> {
    const segment = await this.spool.oldest();
    if (segment === undefined || this.abandoned) return;
    this.setState('draining');
    const records = await this.spool.read(segment);
    // What was acknowledged before a failed attempt is not sent again by this process.
    for (let at = segment.sent; at < records.length;) {
      const batch = this.nextBatch(records, at);
      const ok = await this.link.send(batch);
      if (this.abandoned) return;
      if (!ok) {
        this.link.drop();
        this.setState('spooling');
        return;
      }
      this.spool.markSent(segment, batch.length);
      at += batch.length;
    }
    // Deleted only now: a crash before this re-sends the segment on restart (at-least-once).
    await this.spool.remove(segment);
  }

  private nextBatch(records: readonly PublishRecord[], from: number): readonly PublishRecord[] {
    let end = from;
    for (let bytes = 0; end < records.length && end - from < this.config.maxBatch; end += 1) {
      bytes += recordBytes(records[end] as PublishRecord);
      if (end > from && bytes > this.config.maxBatchBytes) break;
    }
    return records.slice(from, end);
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
    if (this.phase === 'running') await this.link.connect();
  }

  private setState(next: PublisherState): void {
    const previous = this.state;
    if (next === previous) return;
    this.state = next;
    try {
      this.opts.onStateChange?.(next, previous);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    try {
      this.opts.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error callback must not stop the publisher.
    }
  }
}
