import { createKafka } from '../kafka.factory.js';
import { EventPublisher } from './event.publisher.js';
import { PUBLISHER_CLIENT_RETRY } from './publisher.config.js';
import { spoolAgeGatesReadiness, spoolMaxAgeMs, spoolReadiness } from './spool.readiness.js';

type ServiceEnv = Readonly<Record<string, string | undefined>>;

export interface ServicePublisherOptions {
  /** The Kafka client id, e.g. `kt-gateway-events`. */
  readonly clientId: string;
  readonly brokers: string | readonly string[];
  /** The environment the service captured at boot: SASL/TLS, `KT_KAFKA_LOG`, `KT_SPOOL_*`. */
  readonly env: ServiceEnv;
  readonly spoolDir: string;
  readonly instance: string;
  /** Names the publisher in its dead letters, e.g. `kt-gateway`. */
  readonly source: string;
  readonly topics: readonly string[];
  /** Send failures and spool I/O errors, rate-limited per reason by the publisher. */
  readonly onError: (error: Error) => void;
}

/**
 * A service's event publisher: its own client with short connection retries, so an outage is noticed
 * in about a second and events go to the spool instead of waiting on kafkajs' longer retries.
 */
export function servicePublisher(o: ServicePublisherOptions): EventPublisher {
  const kafka = createKafka({
    clientId: o.clientId,
    brokers: o.brokers,
    env: o.env,
    retry: PUBLISHER_CLIENT_RETRY,
  });
  return new EventPublisher(kafka, {
    spoolDir: o.spoolDir,
    instance: o.instance,
    source: o.source,
    topics: [...o.topics],
    env: o.env,
    onError: o.onError,
  });
}

/**
 * The spool's readiness check for `ReadinessService.register`: degraded (with the reason) once
 * events have waited on disk longer than `KT_SPOOL_MAX_AGE_SECONDS`; unready too only with
 * `KT_SPOOL_READINESS=fail`.
 */
export function spoolCheck(
  publisher: EventPublisher,
  what: string,
  env: ServiceEnv,
): { readonly check: ReturnType<typeof spoolReadiness>; readonly required: boolean } {
  return {
    check: spoolReadiness(publisher, spoolMaxAgeMs(env), what),
    required: spoolAgeGatesReadiness(env),
  };
}
