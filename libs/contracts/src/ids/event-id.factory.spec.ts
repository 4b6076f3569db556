import { describe, expect, it } from 'vitest';
import { createEventId } from './event-id.factory.js';

describe('createEventId', () => {
  it('mints distinct version-4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 100 }, createEventId));
    expect(ids.size).toBe(100);
    expect(
      [...ids].every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
  });
});
