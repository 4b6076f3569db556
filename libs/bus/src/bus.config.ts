import type { KafkaConfig } from 'kafkajs';
import type { BusRetry } from './bus.types.js';
import { logLevel } from './kafka.runtime.js';
import { kafkaSecurityFromEnv, kafkaSecurityOptions, type KafkaSecurity } from './kafka.security.js';

export const DEFAULT_BROKERS = 'localhost:9092';
export const DEFAULT_CLIENT_ID = 'kt';

/** Connection and request limits shared by every client, producer, consumer and admin. */
export const CLIENT_TIMEOUTS = { connectionTimeoutMs: 3_000, requestTimeoutMs: 30_000 } as const;

/** Client-level retry: bounded, so an unreachable broker surfaces as an error within about a minute. */
export const CLIENT_RETRY: Readonly<BusRetry> = {
  initialRetryTime: 300,
  maxRetryTime: 10_000,
  retries: 8,
};

/**
 * Consumer group timeouts. The session outlives a slow batch commit to Postgres; the rebalance
 * timeout gives members time to finish their batch before the group moves partitions. A stop
 * waits for the fetch in flight, so an idle fetch is held by the broker for 1 s, not kafkajs' 5 s.
 */
export const CONSUMER_TIMEOUTS = {
  sessionTimeout: 30_000,
  heartbeatInterval: 3_000,
  rebalanceTimeout: 60_000,
  maxWaitTimeInMs: 1_000,
} as const;

export interface BusClientOptions {
  readonly clientId?: string;
  /** `host:port` list, or one comma-separated string as in `KAFKA_BROKERS`. Defaults to `KAFKA_BROKERS`. */
  readonly brokers?: string | readonly string[];
  /** The service's environment (`KAFKA_BROKERS`, `KT_KAFKA_LOG`, SASL/TLS); none is read unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly retry?: BusRetry;
  /**
   * SASL and TLS; read from `KAFKA_SASL_*` / `KAFKA_TLS*` in `env` unless given (tests that talk
   * to a SASL broker as several principals at once pass it explicitly).
   */
  readonly security?: KafkaSecurity;
}

const BROKER = /^[A-Za-z0-9._-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;

/** Parses a `KAFKA_BROKERS`-style value; empty means the local default broker. */
export function parseBrokers(value: string | readonly string[] | undefined): readonly string[] {
  const items = (typeof value === 'string' ? value.split(',') : (value ?? []))
    .map((b) => b.trim())
    .filter(Boolean);
  if (items.length === 0) return [DEFAULT_BROKERS];
  const invalid = items.filter((b) => !BROKER.test(b) || Number(b.slice(b.lastIndexOf(':') + 1)) > 65_535);
  if (invalid.length > 0) {
    throw new Error(
      `KAFKA_BROKERS: expected host:port[,host:port…], got ${invalid.map((b) => JSON.stringify(b)).join(', ')}`,
    );
  }
  return items;
}

type LogLevel = NonNullable<KafkaConfig['logLevel']>;

const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** kafkajs is chatty about retries and rebalances; it stays silent unless `KT_KAFKA_LOG` asks. */
export function kafkaLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value.trim() === '') return logLevel.NOTHING;
  const level = LOG_LEVELS[value.trim().toLowerCase()];
  if (level === undefined) {
    throw new Error(
      `KT_KAFKA_LOG: expected one of ${Object.keys(LOG_LEVELS).join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return level;
}

/** The one place kt's Kafka client settings are decided. */
export function kafkaClientConfig(opts: BusClientOptions = {}): KafkaConfig {
  const env = opts.env ?? {};
  return {
    clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
    brokers: [...parseBrokers(opts.brokers ?? env.KAFKA_BROKERS)],
    connectionTimeout: CLIENT_TIMEOUTS.connectionTimeoutMs,
    requestTimeout: CLIENT_TIMEOUTS.requestTimeoutMs,
    retry: { ...CLIENT_RETRY, ...opts.retry },
    logLevel: kafkaLogLevel(env.KT_KAFKA_LOG),
    // Every client kt creates goes through here, so producers, consumers and admins all authenticate.
    ...kafkaSecurityOptions(opts.security ?? kafkaSecurityFromEnv(env)),
  };
}
