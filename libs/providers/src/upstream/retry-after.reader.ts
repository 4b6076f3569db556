export type HeaderValue = string | readonly string[] | undefined;
export type ResponseHeaders = Readonly<Record<string, HeaderValue>>;

/**
 * How long the upstream asks us to wait, in ms: `retry-after-ms` (OpenAI, Azure) wins over
 * `retry-after` (seconds or an HTTP date, relative to `nowMs`). null when neither is usable.
 */
export function readRetryAfterMs(headers: ResponseHeaders, nowMs: number): number | null {
  const ms = parseNumber(firstValue(headers['retry-after-ms']));
  if (ms !== null) return Math.ceil(ms);
  const raw = firstValue(headers['retry-after']);
  if (raw === undefined) return null;
  const seconds = parseNumber(raw);
  if (seconds !== null) return Math.ceil(seconds * 1000);
  // Only the HTTP-date form; Date.parse would also take '-1' as the year -1.
  const date = /[a-z]/i.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

export function firstValue(value: HeaderValue): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function parseNumber(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return null;
  return Number(raw);
}
