// Arbitrary query strings into every reporting query parser: each answer is a value the database
// accepts or a 400 naming a parameter, never another throw (which would be a 500).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditRequestError, parseAuditRequest } from '../audits/audit-request.parse.js';
import { decodeCursor, eventWhere } from '../events/event.sql.js';
import { EventsQueryDto, ExportQueryDto } from '../events/events-query.dto.js';
import { ProviderMixQueryDto, SpendQueryDto } from '../spend/spend-query.dto.js';
import { InvalidParameterError } from './invalid-parameter.error.js';
import { parseQuery } from './valid-query.decorator.js';
import { EARLIEST_INSTANT_MS, LATEST_INSTANT_MS, readWindow, toWholeHours } from './window.read.js';

const NAMES = [
  'since',
  'until',
  'provider',
  'target',
  'group',
  'model',
  'team',
  'key',
  'status',
  'request_id',
  'limit',
  'cursor',
  'format',
  'by',
  'interval',
  'constructor',
  '__proto__',
  'toString',
];

/** Text a client may send: durations, dates, numbers, NULs, astral characters, anything. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.stringMatching(/^-?\d{1,20}[smhdw]?$/),
  fc.stringMatching(/^\d{4,6}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/),
  fc.constantFrom(
    '99999999d',
    '999999999w',
    '0000-01-01',
    '9999-12-31T23:59:59-23:59',
    '\u0000',
    '1e400',
    'NaN',
  ),
);

const value = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }) },
);

const query = fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })), value, {
  maxKeys: 6,
});

const now = new Date('2026-11-24T10:00:00.000Z');

/** Runs `read`; a 400 naming one of the `given` parameters is an answer, any other throw fails. */
function answered(given: object, read: () => void): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof InvalidParameterError)) throw error;
    const named = Object.keys(given).some(
      (name) => error.param === name || error.param === `${name.slice(0, 64)}…`,
    );
    // A window may be refused for a default bound (until before the default since).
    if (!named && !['since', 'until'].includes(error.param)) throw error;
  }
}

function inRange(date: Date): boolean {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS + 3_600_000;
}

describe('reporting query parsers take any query string', () => {
  it.each([
    ['spend', SpendQueryDto],
    ['provider-mix', ProviderMixQueryDto],
    ['events', EventsQueryDto],
    ['export', ExportQueryDto],
  ] as const)('/v1/%s: a database-safe query or a 400 naming the parameter', (_route, dto) => {
    fc.assert(
      fc.property(query, (raw) => {
        answered(raw, () => {
          const parsed = parseQuery<object>(dto, raw);
          for (const field of Object.values(parsed))
            if (typeof field === 'string') expect(field).not.toContain('\u0000');
          const window = toWholeHours(readWindow(parsed, now));
          expect(inRange(window.since) && inRange(window.until)).toBe(true);
          if (parsed instanceof EventsQueryDto) {
            expect(Number.isInteger(parsed.limit) && parsed.limit >= 1 && parsed.limit <= 1000).toBe(true);
            if (parsed.cursor !== undefined) decodeCursor(parsed.cursor);
            eventWhere(window, parsed);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('POST /v1/audits: a finite range or a 400 naming the field', () => {
    const body = fc.oneof(
      fc.record({ since: fc.oneof(text, fc.anything()), until: fc.option(fc.oneof(text, fc.anything())) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(body, (input) => {
        try {
          const range = parseAuditRequest(input, now);
          expect(Number.isFinite(range.sinceMs) && Number.isFinite(range.untilMs)).toBe(true);
          expect(range.untilMs).toBeGreaterThan(range.sinceMs);
        } catch (error) {
          if (!(error instanceof AuditRequestError)) throw error;
          const keys = (typeof input === 'object' && input !== null ? Object.keys(input) : []).map((key) =>
            key.length > 64 ? `${key.slice(0, 64)}…` : key,
          );
          expect(['body', 'since', 'until', ...keys]).toContain(error.param);
        }
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['since', { since: '99999999d' }],
    ['since', { since: '0000-01-01' }],
    ['until', { until: '9999-12-31T23:59:59-23:59' }],
    ['request_id', { request_id: '\u0000' }],
    ['constructor', { constructor: 'x' }],
    ['provider', { provider: { a: 'b' } }],
  ])('names %s for %j', (param, raw) => {
    try {
      readWindow(parseQuery(EventsQueryDto, raw), now);
      expect.unreachable('a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).param).toBe(param);
    }
  });
});
