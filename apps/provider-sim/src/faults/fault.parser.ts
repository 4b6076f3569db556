import type { Vendor } from '../vendor.model.js';
import { parseUsageOverride } from './usage.override.js';
import {
  ERROR_STATUSES,
  NO_FAULTS,
  type ErrorStatus,
  type FaultSpec,
  type FaultSpecInput,
  type LatencySpec,
} from './fault.model.js';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

const FIELDS = new Set([
  'latency',
  'errorRate',
  'errorStatus',
  'retryAfter',
  'hang',
  'outage',
  'streamCutAfter',
  'streamStallAfter',
  'malformed',
  'usageOverride',
]);
const LATENCY_HINT = 'ms or "fixed:ms", "uniform:min:max", "normal:mean:stddev"';

/** Validates the JSON form of a fault spec for one vendor; every error names its field. */
export function parseFaultSpec(input: unknown, vendor: Vendor): Parsed<FaultSpec> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['fault spec: expected a JSON object'] };
  }
  const raw = input as Record<string, unknown>;
  const errors = Object.keys(raw)
    .filter((key) => !FIELDS.has(key))
    .map((key) => `${key}: unknown field (expected one of ${[...FIELDS].join(', ')})`);

  let latency = NO_FAULTS.latency;
  if (raw['latency'] !== undefined) {
    const parsed = parseLatency(raw['latency']);
    if (parsed.ok) latency = parsed.value;
    else errors.push(...parsed.errors);
  }
  const errorRate = numberField(
    raw,
    'errorRate',
    NO_FAULTS.errorRate,
    (n) => n >= 0 && n <= 1,
    'a number from 0 to 1',
    errors,
  );
  const errorStatus = numberField(
    raw,
    'errorStatus',
    NO_FAULTS.errorStatus,
    isErrorStatus,
    ERROR_STATUSES.join(', '),
    errors,
  );
  if (errorStatus === 529 && vendor !== 'anthropic')
    errors.push(`errorStatus: 529 (overloaded) is Anthropic-only, not ${vendor}`);
  const retryAfterSeconds = numberField(
    raw,
    'retryAfter',
    NO_FAULTS.retryAfterSeconds,
    isWholeNumber,
    'whole seconds >= 0',
    errors,
  );
  const streamCutAfter =
    raw['streamCutAfter'] === null
      ? null
      : numberField(
          raw,
          'streamCutAfter',
          NO_FAULTS.streamCutAfter,
          isWholeNumber,
          'a whole number of events >= 0, or null',
          errors,
        );
  const streamStallAfter =
    raw['streamStallAfter'] === null
      ? null
      : numberField(
          raw,
          'streamStallAfter',
          NO_FAULTS.streamStallAfter,
          isWholeNumber,
          'a whole number of events >= 0, or null',
          errors,
        );

  const usageOverride = parseUsageOverride(raw['usageOverride']);
  if (!usageOverride.ok) errors.push(...usageOverride.errors);

  const spec: FaultSpec = {
    latency,
    errorRate,
    errorStatus: errorStatus as ErrorStatus,
    retryAfterSeconds,
    hang: booleanField(raw, 'hang', errors),
    outage: booleanField(raw, 'outage', errors),
    streamCutAfter,
    streamStallAfter,
    malformed: booleanField(raw, 'malformed', errors),
    usageOverride: usageOverride.ok ? usageOverride.value : null,
  };
  return errors.length === 0 ? { ok: true, value: spec } : { ok: false, errors };
}

/** Parses `25`, `"25"`, `"fixed:25"`, `"uniform:10:50"` or `"normal:100:20"` (all in ms). */
export function parseLatency(value: unknown): Parsed<LatencySpec> {
  const fail = (): Parsed<LatencySpec> => ({
    ok: false,
    errors: [`latency: expected ${LATENCY_HINT}, got ${JSON.stringify(value)}`],
  });
  if (typeof value === 'number')
    return isMs(value) ? { ok: true, value: { kind: 'fixed', ms: value } } : fail();
  if (typeof value !== 'string') return fail();
  const parts = value.trim().split(':');
  const numbers = parts
    .slice(parts.length === 1 ? 0 : 1)
    .map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (!numbers.every(isMs)) return fail();
  const [a, b] = numbers as [number, number];
  const kind = parts.length === 1 ? 'fixed' : parts[0];
  if (kind === 'fixed' && numbers.length === 1) return { ok: true, value: { kind: 'fixed', ms: a } };
  if (kind === 'uniform' && numbers.length === 2 && a <= b)
    return { ok: true, value: { kind: 'uniform', min: a, max: b } };
  if (kind === 'normal' && numbers.length === 2)
    return { ok: true, value: { kind: 'normal', mean: a, stddev: b } };
  return fail();
}

/** The JSON form of a validated spec, every field present; `parseFaultSpec` reads it back unchanged. */
export function formatFaultSpec(spec: FaultSpec): Required<FaultSpecInput> {
  return {
    latency: formatLatency(spec.latency),
    errorRate: spec.errorRate,
    errorStatus: spec.errorStatus,
    retryAfter: spec.retryAfterSeconds,
    hang: spec.hang,
    outage: spec.outage,
    streamCutAfter: spec.streamCutAfter,
    streamStallAfter: spec.streamStallAfter,
    malformed: spec.malformed,
    usageOverride: spec.usageOverride,
  };
}

function formatLatency(latency: LatencySpec): number | string {
  switch (latency.kind) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return `uniform:${latency.min}:${latency.max}`;
    case 'normal':
      return `normal:${latency.mean}:${latency.stddev}`;
  }
}

function numberField<T extends number | null>(
  raw: Record<string, unknown>,
  key: string,
  fallback: T,
  valid: (n: number) => boolean,
  expected: string,
  errors: string[],
): number | T {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && valid(value)) return value;
  errors.push(`${key}: expected ${expected}, got ${JSON.stringify(value)}`);
  return fallback;
}

function booleanField(raw: Record<string, unknown>, key: string, errors: string[]): boolean {
  const value = raw[key];
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  errors.push(`${key}: expected true or false, got ${JSON.stringify(value)}`);
  return false;
}

function isErrorStatus(n: number): n is ErrorStatus {
  return (ERROR_STATUSES as readonly number[]).includes(n);
}

function isWholeNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function isMs(n: number): boolean {
  return Number.isFinite(n) && n >= 0;
}
