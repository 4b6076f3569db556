import { describe, expect, it } from 'vitest';
import { requestIdsOf } from './request.ids.js';

describe('requestIdsOf', () => {
  it("mints kt's id every time and keeps the caller's beside it", () => {
    const ids = Array.from({ length: 5 }, () => requestIdsOf('caller-1'));
    expect(new Set(ids.map((i) => i.requestId)).size).toBe(5);
    expect(ids.every((i) => i.clientRequestId === 'caller-1' && !i.ignored)).toBe(true);
    expect(ids.some((i) => i.requestId === 'caller-1')).toBe(false);
  });

  it.each([['x'.repeat(129)], ['has space'], ['new\nline'], [''], ['ünï']])(
    'ignores %j whole, and says so',
    (given) => {
      expect(requestIdsOf(given)).toMatchObject({ clientRequestId: undefined, ignored: true });
    },
  );

  it('keeps an id of exactly 128 safe characters, and takes the first of repeated headers', () => {
    expect(requestIdsOf('a.B_9:-'.repeat(19).slice(0, 128)).clientRequestId).toHaveLength(128);
    expect(requestIdsOf(['first', 'second']).clientRequestId).toBe('first');
    expect(requestIdsOf(undefined)).toMatchObject({ clientRequestId: undefined, ignored: false });
  });
});
