export interface RetryAfterHeaders {
  /** `Retry-After`: delta-seconds or an HTTP date. */
  readonly retryAfter?: string;
  /** `retry-after-ms` (OpenAI, Azure OpenAI): milliseconds, more precise, so it wins. */
  readonly retryAfterMs?: string;
}

const NUMBER = /^\d+(?:\.\d+)?$/;
// HTTP dates always name a month; requiring a letter keeps Date.parse from reading "-5" as a year.
const HTTP_DATE = /[a-z]/i;

/** How long the upstream asked us to wait, in ms (0 for a date already past); undefined if unreadable. */
export function retryAfterMs(headers: RetryAfterHeaders, nowMs: number): number | undefined {
  const precise = headers.retryAfterMs?.trim();
  if (precise !== undefined && NUMBER.test(precise)) return Math.ceil(Number(precise));
  const value = headers.retryAfter?.trim();
  if (value === undefined || value === '') return undefined;
  if (NUMBER.test(value)) return Math.ceil(Number(value) * 1000);
  const dateMs = HTTP_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
