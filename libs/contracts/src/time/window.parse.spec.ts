import { describe, expect, it } from 'vitest';
import { InstantParseError, parseInstant, parseWindow } from './window.parse.js';

const now = new Date('2026-11-24T10:30:00.000Z');

describe('parseInstant', () => {
  it.each([
    ['15m', '2026-11-24T10:15:00.000Z'],
    ['24h', '2026-11-23T10:30:00.000Z'],
    ['30d', '2026-10-25T10:30:00.000Z'],
    ['2w', '2026-11-10T10:30:00.000Z'],
    ['90s', '2026-11-24T10:28:30.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T02:00:00+02:00', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00.123456z', '2026-11-01T00:00:00.123Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseInstant(text, now, 'since').toISOString()).toBe(expected);
  });

  it.each(['x', '30', '30y', '-5d', '2026-02-30', '2026-11-01T25:00:00Z', '2026-11-01T00:00:00', ''])(
    'rejects %j naming the field and what was expected',
    (text) => {
      expect(() => parseInstant(text, now, 'since')).toThrow(
        `since: expected a duration like 30d or an RFC 3339 time, got '${text}'`,
      );
    },
  );

  it('throws an InstantParseError that carries the field', () => {
    const error = (() => {
      try {
        parseInstant('soon', now, 'until');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InstantParseError);
    expect((error as InstantParseError).field).toBe('until');
  });
});

describe('parseWindow', () => {
  it('defaults since to 30d before now and until to now', () => {
    const window = parseWindow({}, now);
    expect([window.since.toISOString(), window.until.toISOString()]).toEqual([
      '2026-10-25T10:30:00.000Z',
      '2026-11-24T10:30:00.000Z',
    ]);
  });

  it('rejects a window whose until is not after since, naming until', () => {
    expect(() => parseWindow({ since: '1h', until: '2h' }, now)).toThrow(/^until: must be after since/);
  });
});
