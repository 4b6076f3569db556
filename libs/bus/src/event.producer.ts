import { kafkaOf, type BusClient } from './bus.client.js';
import { CLIENT_RETRY } from './bus.config.js';
import type { BusMessage, BusRetry, SentRecord, TopicBatch } from './bus.types.js';
import { Partitioners } from './kafka.runtime.js';

export interface BusProducerOptions {
  /**
   * How often a failed send is retried before the returned promise rejects. kafkajs' idempotent
   * default is unbounded, which would hang callers while the broker is down; kt's callers spool
   * and resend instead, so sends fail after the client's bounded retry unless this says otherwise.
   */
  readonly retry?: BusRetry;
  /** Per-send broker timeout in ms (kafkajs `timeout`). */
  readonly ackTimeoutMs?: number;
}

/** An idempotent producer whose every send waits for all in-sync replicas (`acks: -1`). */
export interface BusProducer {
  connect(): Promise<void>;
  send(topic: string, messages: readonly BusMessage[]): Promise<SentRecord[]>;
  sendBatch(batches: readonly TopicBatch[]): Promise<SentRecord[]>;
  disconnect(): Promise<void>;
}

const ALL_REPLICAS = -1;

export function createProducer(kafka: BusClient, opts: BusProducerOptions = {}): BusProducer {
  const raw = kafkaOf(kafka).producer({
    idempotent: true,
    // One request in flight keeps per-partition order through retries with kafkajs' idempotence.
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: opts.retry ?? CLIENT_RETRY,
  });
  const timeout = opts.ackTimeoutMs;
  return {
    connect: () => raw.connect(),
    disconnect: () => raw.disconnect(),
    send: (topic, messages) => raw.send({ topic, messages: [...messages], acks: ALL_REPLICAS, timeout }),
    sendBatch: (batches) =>
      raw.sendBatch({
        topicMessages: batches.map((b) => ({ topic: b.topic, messages: [...b.messages] })),
        acks: ALL_REPLICAS,
        timeout,
      }),
  };
}
