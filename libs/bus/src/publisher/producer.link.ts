import type { BusClient } from '../bus.client.js';
import { createProducer, type BusProducer } from '../event.producer.js';
import { describeKafkaError } from '../kafka.errors.js';
import { checkKafka } from '../kafka.check.js';
import { withDeadline } from './loop.wakeup.js';
import { toTopicMessages, type PublishRecord } from './publish.record.js';
import type { PublisherConfig } from './publisher.config.js';
import { classifySendError, type SendFailure } from './send.errors.js';

type LinkConfig = Pick<PublisherConfig, 'probeTimeoutMs' | 'sendTimeoutMs' | 'producerRetry'>;

export type SendResult = { readonly ok: true } | { readonly ok: false; readonly failure: SendFailure };

const SENT: SendResult = { ok: true };
const NOT_CONNECTED: SendResult = { ok: false, failure: { kind: 'transient', reason: 'not_connected' } };

/**
 * The publisher's producer, at most one at a time, with every call bounded by a deadline. A send
 * either is acknowledged (`acks: -1`) or reports why not, classified; it never throws.
 */
export class ProducerLink {
  private producer: BusProducer | undefined;
  sent = 0;
  failedSends = 0;
  /** Failed probes, connects and sends since the last acknowledged send; drives the backoff. */
  failures = 0;

  constructor(
    private readonly kafka: BusClient,
    private readonly config: LinkConfig,
    private readonly report: (reason: string, error: unknown) => void,
  ) {}

  get connected(): boolean {
    return this.producer !== undefined;
  }

  /**
   * Probes the broker, then connects a fresh idempotent producer: the broker may have kept or lost
   * the sequence numbers of a producer whose sends failed, so that one is never reused.
   */
  async connect(): Promise<boolean> {
    if (!(await checkKafka(this.kafka, this.config.probeTimeoutMs))) {
      this.failures += 1;
      this.report('broker_unreachable', new Error('no broker answered; records wait in the spool'));
      return false;
    }
    const producer = createProducer(this.kafka, { retry: this.config.producerRetry });
    try {
      await withDeadline(producer.connect(), this.config.sendTimeoutMs, 'connecting the producer');
      this.producer = producer;
      return true;
    } catch (error) {
      this.failures += 1;
      this.report(classifySendError(error).reason, error);
      void producer.disconnect().catch(() => undefined);
      return false;
    }
  }

  /**
   * Sends and waits for the acks. A send cut off by the deadline may still land later, which is
   * one way a record is delivered twice (see EventPublisher). A per-record refusal does not grow
   * the backoff: the broker is fine, the record is not.
   */
  async send(batch: readonly PublishRecord[]): Promise<SendResult> {
    const producer = this.producer;
    if (producer === undefined) return NOT_CONNECTED;
    try {
      await withDeadline(
        producer.sendBatch(toTopicMessages(batch)),
        this.config.sendTimeoutMs,
        `sending ${batch.length} records`,
      );
      this.sent += batch.length;
      this.failures = 0;
      return SENT;
    } catch (error) {
      const failure = classifySendError(error);
      this.failedSends += 1;
      // A missing ACL is retried at the backoff's pace, like a broker that is down.
      if (failure.kind !== 'record') this.failures += 1;
      // "Kafka denied this principal access to the topic (…)": the operator's fix, not a retry count.
      const topics = [...new Set(batch.map((record) => record.topic))].join(', ');
      this.report(
        failure.reason,
        failure.kind === 'denied' ? new Error(describeKafkaError(error, topics)) : error,
      );
      return { ok: false, failure };
    }
  }

  /** Lets go of the producer after a failure; it disconnects in the background. */
  drop(): void {
    const producer = this.producer;
    this.producer = undefined;
    void producer?.disconnect().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer !== undefined) {
      await withDeadline(producer.disconnect(), 2_000, 'disconnecting the producer').catch((error: unknown) =>
        this.report('disconnect', error),
      );
    }
  }
}
