import { describe, expect, it } from 'vitest';
import { AuditRequestError, parseAuditRequest } from './audit-request.parse.js';

const now = new Date('2026-11-24T10:00:00.000Z');

describe('parseAuditRequest', () => {
  it.each([
    ['a duration ago until now', { since: '2h' }, '2026-11-24T08:00:00.000Z', '2026-11-24T10:00:00.000Z'],
    [
      'two RFC 3339 times',
      { since: '2026-11-01T00:00:00Z', until: '2026-11-02T00:00:00+00:00' },
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
    ],
    [
      'a duration for both ends',
      { since: '3d', until: '1d' },
      '2026-11-21T10:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
    ],
  ])('reads %s', (_name, body, since, until) => {
    const range = parseAuditRequest(body, now);
    expect([new Date(range.sinceMs).toISOString(), new Date(range.untilMs).toISOString()]).toEqual([
      since,
      until,
    ]);
  });

  it.each([
    ['a body that is not an object', [], 'body', /expected a JSON object/],
    ['a missing since', {}, 'since', /since: expected a duration like 30d/],
    [
      'an unreadable since',
      { since: 'yesterday' },
      'since',
      /since: expected a duration like 30d or an RFC 3339 time, got 'yesterday'/,
    ],
    ['a number for until', { since: '1h', until: 5 }, 'until', /until: expected a duration/],
    ['an unknown field', { since: '1h', provider: 'openai' }, 'provider', /provider: unknown field/],
    ['an empty range', { since: '1h', until: '2h' }, 'until', /until: must be later than since/],
    ['a range over 400 days', { since: '401d' }, 'since', /at most 400 days/],
  ])('rejects %s, naming the field', (_name, body, param, message) => {
    try {
      parseAuditRequest(body, now);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(AuditRequestError);
      expect((error as AuditRequestError).param).toBe(param);
      expect((error as AuditRequestError).message).toMatch(message);
    }
  });
});
