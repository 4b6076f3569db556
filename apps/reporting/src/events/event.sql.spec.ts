import { describe, expect, it } from 'vitest';
import { afterCursor, decodeCursor, encodeCursor, eventWhere } from './event.sql.js';

const window = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-02T00:00:00Z') };

describe('eventWhere', () => {
  it.each([
    [{}, 'occurred_at >= $1 AND occurred_at < $2', []],
    [{ status: 'ok' }, "type = 'route.completed'", []],
    [{ status: 'error' }, "type <> 'route.completed'", []],
    [{ status: '4xx' }, 'status >= $3 AND status < $3 + 100', [400]],
    [{ status: '429' }, 'status = $3', [429]],
    [{ provider: 'openai', request_id: 'r1' }, 'provider = $3 AND request_id = $4', ['openai', 'r1']],
    [{ client_request_id: 'caller-1' }, "event->>'client_request_id' = $3", ['caller-1']],
  ])('filters %j with %s', (filters, fragment, extra) => {
    const sql = eventWhere(window, filters);
    expect(sql.where).toContain(fragment);
    expect(sql.params.slice(2)).toEqual(extra);
  });

  it('continues strictly after the cursor in newest-first order', () => {
    const cursor = {
      occurredAt: '2026-11-01T10:00:00.000000Z',
      eventId: '0190a3b4-0000-7000-8000-000000000001',
    };
    const sql = afterCursor(eventWhere(window, { team: 't' }), cursor);
    expect(sql.where).toContain('(occurred_at, event_id) < ($4::timestamptz, $5::uuid)');
    expect(sql.params.slice(3)).toEqual([cursor.occurredAt, cursor.eventId]);
  });
});

describe('cursors', () => {
  it('round-trips a cursor', () => {
    const cursor = {
      occurredAt: '2026-11-01T10:00:00.123456Z',
      eventId: '0190a3b4-0000-7000-8000-000000000001',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'x',
    encodeCursor({ occurredAt: 'soon', eventId: 'e' }),
    encodeCursor({ occurredAt: '1', eventId: '0190a3b4-0000-7000-8000-000000000001' }),
    encodeCursor({ occurredAt: '2026-02-30T00:00:00Z', eventId: '0190a3b4-0000-7000-8000-000000000001' }),
    Buffer.from('[1]').toString('base64url'),
  ])('refuses %j with a 400 naming cursor', (text) => {
    expect(() => decodeCursor(text)).toThrow('cursor: expected the next_cursor of a previous page');
  });
});
