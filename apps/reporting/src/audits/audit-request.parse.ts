import { parseInstant } from '@kt/contracts';
import { checkInRange } from '../shared/window.read.js';
import type { AuditRange } from './audit.scratch.js';

/** A bad field of `POST /v1/audits`, answered 400 with the field named. */
export class AuditRequestError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** The longest range one audit replays; longer ones are split by the caller. */
export const MAX_AUDIT_RANGE_MS = 400 * 86_400_000;

/**
 * `{"since": "30d" | RFC 3339, "until"?: … (default now)}` → `[since, until)`; rejects unknown fields,
 * an empty range and one longer than `MAX_AUDIT_RANGE_MS`.
 */
export function parseAuditRequest(body: unknown, now: Date): AuditRange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AuditRequestError('body', 'body: expected a JSON object like {"since":"24h"}');
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((k) => k !== 'since' && k !== 'until');
  if (unknown !== undefined) {
    // A client-chosen key is echoed bounded: the answer never grows with the request.
    const field = unknown.length > 64 ? `${unknown.slice(0, 64)}…` : unknown;
    throw new AuditRequestError(field, `${field || '(an empty key)'}: unknown field (expected since, until)`);
  }
  const since = instant('since', fields.since, now);
  const until = fields.until === undefined ? now.getTime() : instant('until', fields.until, now);
  if (until <= since) throw new AuditRequestError('until', 'until: must be later than since');
  if (until - since > MAX_AUDIT_RANGE_MS) {
    throw new AuditRequestError('since', 'since: an audit covers at most 400 days; split the range');
  }
  return { sinceMs: since, untilMs: until };
}

function instant(param: string, value: unknown, now: Date): number {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AuditRequestError(param, `${param}: expected a duration like 30d or an RFC 3339 time`);
  }
  try {
    // Out of range (`99999999d` is an Invalid Date) would compare false everywhere and slip through.
    return checkInRange(param, parseInstant(value, now, param)).getTime();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AuditRequestError(param, message.startsWith(`${param}:`) ? message : `${param}: ${message}`);
  }
}
