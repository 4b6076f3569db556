import { trace } from '@opentelemetry/api';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { currentLogContext } from './log.context.js';
import { scrubSecrets, secretsFromEnv } from './secret.scrubber.js';
import { tracingEnabled } from './tracing.state.js';

export type { Logger } from 'pino';

/** Fields that hold secrets wherever they appear in a logged object (pino `redact` paths). */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'apiKey',
  'api_key',
  'password',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["api-key"]',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["api-key"]',
  'req.headers.cookie',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.password',
];

export interface LoggerOptions {
  readonly service: string;
  /** Defaults to `LOG_LEVEL`, else `info`. */
  readonly level?: string;
  /** The process's environment, handed over by its entry point: `LOG_LEVEL`, and the secrets to scrub. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Defaults to stdout. */
  readonly destination?: DestinationStream;
}

let processLogger: Logger | undefined;

/**
 * A pino JSON logger: `service`, `level` (name), `time` (UTC ISO) on every line, `request_id` and
 * `trace_id` while handling a request; secrets removed by path and by value (the env's keys).
 */
export function createLogger(options: LoggerOptions): Logger {
  const env = options.env;
  const secrets = secretsFromEnv(env);
  const scrub = (value: unknown): unknown =>
    typeof value === 'string' ? scrubSecrets(value, secrets) : value;
  const settings = {
    level: options.level ?? env.LOG_LEVEL ?? 'info',
    base: { service: options.service },
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    formatters: {
      level: (label: string) => ({ level: label }),
      // Top-level strings (messages, error text) may quote a key: replace known values and key shapes.
      log: (object: Record<string, unknown>) => {
        const safe: Record<string, unknown> = {};
        for (const key in object) safe[key] = scrub(object[key]);
        return safe;
      },
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, args.map(scrub));
      },
    },
    // A fresh object each time: pino merges the line's fields into what the mixin returns.
    mixin: () => {
      const request = currentLogContext();
      const span = tracingEnabled() ? trace.getActiveSpan() : undefined;
      if (request?.request_id === undefined && span === undefined) return {};
      return {
        ...(request?.request_id !== undefined && { request_id: request.request_id }),
        ...(span !== undefined && {
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
        }),
      };
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** The logger of this process's service (set by `bootstrapService`); a plain one until then. */
export function serviceLogger(): Logger {
  // Before `bootstrapService` hands over the environment (unit specs, tools): paths and key shapes
  // are still scrubbed, only the env's own secret values are unknown.
  processLogger ??= createLogger({ service: 'kt', env: {} });
  return processLogger;
}

export function setServiceLogger(logger: Logger): void {
  processLogger = logger;
}

/** Prompts and completions are logged only when `KT_LOG_PROMPTS=true`. */
export function promptLoggingEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.KT_LOG_PROMPTS?.trim().toLowerCase() === 'true';
}
