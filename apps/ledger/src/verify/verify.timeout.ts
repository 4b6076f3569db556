import { BadRequestException } from '@nestjs/common';
import { DEFAULT_VERIFY_TIMEOUT_MS } from './ledger.verifier.js';

const MIN_MS = 1_000;
const MAX_MS = 3_600_000;

/** `?timeout_ms=` of `GET /v1/admin/verify`: whole milliseconds, 1 s to 1 h, default 120 s. */
export function verifyTimeoutMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_VERIFY_TIMEOUT_MS;
  const ms = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(ms >= MIN_MS && ms <= MAX_MS))
    throw new BadRequestException(`timeout_ms: expected whole milliseconds from ${MIN_MS} to ${MAX_MS}`);
  return ms;
}
