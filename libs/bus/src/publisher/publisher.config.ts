import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { BusRetry } from '../bus.types.js';

export type PublisherState = 'connected' | 'spooling' | 'draining';

export interface EventPublisherOptions {
  /** Where spool segments live; default `KT_SPOOL_DIR`, else `.kt/spool/<instance>`. */
  readonly spoolDir?: string;
  /** Names this gateway's default spool dir; default the host name. */
  readonly instance?: string;
  /** Records held in memory before spilling to the spool; default 10,000. */
  readonly capacity?: number;
  /** Most records in one `sendBatch`; default 500. */
  readonly maxBatch?: number;
  /**
   * Most bytes (keys + values, roughly) in one `sendBatch`; default 512 KiB, under the broker's
   * 1 MiB `message.max.bytes`, which kafkajs does not split batches for.
   */
  readonly maxBatchBytes?: number;
  /** How long a small batch waits for company; default 5 ms. */
  readonly lingerMs?: number;
  /** A spool segment is closed (and fsynced) once it reaches this size; default 4 MiB. */
  readonly segmentBytes?: number;
  /** A send or connect not answered within this is treated as failed; default 10 s. */
  readonly sendTimeoutMs?: number;
  /** Budget of one broker reachability probe; default 2 s. */
  readonly probeTimeoutMs?: number;
  /** Pause between reachability probes while spooling, doubling from `initialMs` to `maxMs`. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Producer-level retry of one send; short, because a failed send is spooled, not lost. */
  readonly producerRetry?: BusRetry;
  /**
   * Largest record batch the broker accepts, replacing what is learnt from the topic's
   * `max.message.bytes`; default `KT_PUBLISHER_MAX_MESSAGE_BYTES`, else learnt from the broker.
   */
  readonly maxMessageBytes?: number;
  /** Cap of the local dead-letter file (kept twice: current and rotated); default `KT_DEAD_LETTER_FILE_BYTES`, else 16 MiB. */
  readonly deadLetterFileBytes?: number;
  /**
   * Topics it will publish to, so their size limits are learnt at start, before the first record;
   * other topics are learnt when first seen. `kt.dead-letter.v1` is always included.
   */
  readonly topics?: readonly string[];
  /** Names this publisher in its dead letters (`consumer_group`); default `kt-publisher`. */
  readonly source?: string;
  /** Least time between two log lines for one error reason; default 10 s. */
  readonly errorLogIntervalMs?: number;
  readonly onStateChange?: (state: PublisherState, previous: PublisherState) => void;
  /** Send failures and spool I/O errors, rate-limited per reason, for logs; never secrets or payloads. */
  readonly onError?: (error: Error) => void;
  /** Where `KT_SPOOL_DIR` and the other `KT_*` settings are read from; none are read unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface PublisherConfig {
  readonly spoolDir: string;
  readonly capacity: number;
  readonly maxBatch: number;
  readonly maxBatchBytes: number;
  readonly lingerMs: number;
  readonly segmentBytes: number;
  readonly sendTimeoutMs: number;
  readonly probeTimeoutMs: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly producerRetry: BusRetry;
  readonly maxMessageBytes: number | undefined;
  readonly deadLetterFileBytes: number;
  readonly source: string;
  readonly errorLogIntervalMs: number;
}

/**
 * Connection retry for the publisher's kafkajs client (`createKafka({ retry: PUBLISHER_CLIENT_RETRY })`).
 * kafkajs retries reconnects with the client's budget inside every send; kt's default would hold a
 * failed send for about a minute, so the publisher's client gives up within a couple of seconds.
 */
export const PUBLISHER_CLIENT_RETRY: Readonly<BusRetry> = {
  initialRetryTime: 100,
  maxRetryTime: 1_000,
  retries: 2,
};

const DEFAULTS = {
  capacity: 10_000,
  maxBatch: 500,
  maxBatchBytes: 512 * 1024,
  lingerMs: 5,
  segmentBytes: 4 * 1024 * 1024,
  sendTimeoutMs: 10_000,
  probeTimeoutMs: 2_000,
  backoff: { initialMs: 500, maxMs: 5_000 },
  // kafkajs refuses an idempotent producer without retries.
  producerRetry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 1 },
  deadLetterFileBytes: 16 * 1024 * 1024,
  source: 'kt-publisher',
  errorLogIntervalMs: 10_000,
} as const;

/**
 * A positive integer from the environment, or undefined when unset. The error names the variable,
 * never its value (environment values stay out of logs).
 */
export function envInt(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  min = 1,
): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}`);
  }
  return value;
}

/** `KT_SPOOL_DIR`, else `.kt/spool/<instance>` under the working directory. */
export function defaultSpoolDir(
  env: Readonly<Record<string, string | undefined>>,
  instance: string = hostname(),
): string {
  const given = env.KT_SPOOL_DIR?.trim();
  if (given) return resolve(given);
  return resolve(join('.kt', 'spool', instance.replace(/[^A-Za-z0-9._-]/g, '_') || 'default'));
}

/** Options with defaults applied; throws naming the option that is out of range. */
export function resolvePublisherConfig(opts: EventPublisherOptions = {}): PublisherConfig {
  const env = opts.env ?? {};
  const config: PublisherConfig = {
    spoolDir: opts.spoolDir ? resolve(opts.spoolDir) : defaultSpoolDir(env, opts.instance),
    capacity: opts.capacity ?? DEFAULTS.capacity,
    maxBatch: opts.maxBatch ?? DEFAULTS.maxBatch,
    maxBatchBytes: opts.maxBatchBytes ?? DEFAULTS.maxBatchBytes,
    lingerMs: opts.lingerMs ?? DEFAULTS.lingerMs,
    segmentBytes: opts.segmentBytes ?? DEFAULTS.segmentBytes,
    sendTimeoutMs: opts.sendTimeoutMs ?? DEFAULTS.sendTimeoutMs,
    probeTimeoutMs: opts.probeTimeoutMs ?? DEFAULTS.probeTimeoutMs,
    backoff: opts.backoff ?? DEFAULTS.backoff,
    producerRetry: opts.producerRetry ?? DEFAULTS.producerRetry,
    maxMessageBytes: opts.maxMessageBytes ?? envInt(env, 'KT_PUBLISHER_MAX_MESSAGE_BYTES', 128),
    deadLetterFileBytes:
      opts.deadLetterFileBytes ??
      envInt(env, 'KT_DEAD_LETTER_FILE_BYTES', 4096) ??
      DEFAULTS.deadLetterFileBytes,
    source: opts.source ?? DEFAULTS.source,
    errorLogIntervalMs: opts.errorLogIntervalMs ?? DEFAULTS.errorLogIntervalMs,
  };
  const checks: readonly (readonly [string, number, number])[] = [
    ['capacity', config.capacity, 1],
    ['maxBatch', config.maxBatch, 1],
    ['maxBatchBytes', config.maxBatchBytes, 1],
    ['lingerMs', config.lingerMs, 0],
    ['segmentBytes', config.segmentBytes, 1],
    ['sendTimeoutMs', config.sendTimeoutMs, 1],
    ['probeTimeoutMs', config.probeTimeoutMs, 1],
    ['backoff.initialMs', config.backoff.initialMs, 1],
    ['backoff.maxMs', config.backoff.maxMs, config.backoff.initialMs],
    ['maxMessageBytes', config.maxMessageBytes ?? 128, 128],
    ['deadLetterFileBytes', config.deadLetterFileBytes, 4096],
    ['errorLogIntervalMs', config.errorLogIntervalMs, 0],
  ];
  const bad = checks.filter(([, value, min]) => !Number.isInteger(value) || value < min);
  if (bad.length > 0) {
    throw new Error(
      `EventPublisher options: ${bad.map(([name, value, min]) => `${name} must be an integer >= ${min}, got ${value}`).join('; ')}`,
    );
  }
  return config;
}

/** Pause before reachability probe number `attempt` (0-based): doubling, capped. */
export function backoffDelay(attempt: number, backoff: PublisherConfig['backoff']): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
}
