import { UpstreamError } from '../upstream/upstream.error.js';
import type { StopReason } from './exchange.js';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface FailureContext {
  /** `openai target openai-main`: names the attempt without its URL. */
  readonly label: string;
  /** Which deadline or cancellation fired, if any. */
  readonly stopped: StopReason | null;
  /** The deadline that was armed, for the message: `no first token within 300 ms`. */
  readonly deadline: string;
  /** True once the response started streaming: a broken socket is then a cut stream. */
  readonly streaming: boolean;
  /** The HTTP status when the response headers had arrived; 0 otherwise. */
  readonly status?: number;
}

/** Turns whatever undici or Node threw into a typed `UpstreamError`; its message names no URL and no key. */
export function asUpstreamError(error: unknown, context: FailureContext): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const { label } = context;
  const details = { cause: error, status: context.status ?? 0 };
  if (context.stopped === 'aborted')
    return new UpstreamError('aborted', `${label}: cancelled by the client`, details);
  if (context.stopped === 'timeout')
    return new UpstreamError('timeout', `${label}: ${context.deadline}`, details);
  const code = errorCode(error);
  const suffix = code === null ? '' : ` (${code})`;
  if (code !== null && TIMEOUT_CODES.has(code))
    return new UpstreamError('timeout', `${label}: ${code}`, details);
  if (context.streaming)
    return new UpstreamError('stream_cut', `${label}: stream broke off${suffix}`, details);
  const what = code === null || CONNECTION_CODES.has(code) ? 'connection failed' : 'request failed';
  return new UpstreamError('connection_error', `${label}: ${what}${suffix}`, details);
}

/** `code` of the error, of the first of an AggregateError (happy eyeballs), or of its cause. */
export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const record = error as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors) && record.errors.length > 0) return errorCode(record.errors[0]);
  return record.cause === undefined ? null : errorCode(record.cause);
}
