import type {
  Kafka as KafkaClient,
  Message,
  Producer,
  RecordMetadata,
  RetryOptions,
  TopicMessages,
} from 'kafkajs';
import { CLIENT_RETRY } from './bus.config.js';
import { Partitioners } from './kafka.runtime.js';

export interface BusProducerOptions {
  /**
   * How often a failed send is retried before the returned promise rejects. kafkajs' idempotent
   * default is unbounded, which would hang callers while the broker is down; kt's callers spool
   * and resend instead, so sends fail after the client's bounded retry unless this says otherwise.
   */
  readonly retry?: RetryOptions;
  /** Per-send broker timeout in ms (kafkajs `timeout`). */
  readonly ackTimeoutMs?: number;
}

/** An idempotent producer whose every send waits for all in-sync replicas (`acks: -1`). */
export interface BusProducer {
  connect(): Promise<void>;
  send(topic: string, messages: readonly Message[]): Promise<RecordMetadata[]>;
  sendBatch(batches: readonly TopicMessages[]): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
  /** The underlying producer, for instrumentation events only. */
  readonly raw: Producer;
}

const ALL_REPLICAS = -1;

export function createProducer(kafka: KafkaClient, opts: BusProducerOptions = {}): BusProducer {
  const raw = kafka.producer({
    idempotent: true,
    // One request in flight keeps per-partition order through retries with kafkajs' idempotence.
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: opts.retry ?? CLIENT_RETRY,
  });
  const timeout = opts.ackTimeoutMs;
  return {
    raw,
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
