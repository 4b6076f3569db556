import { describe, expect, it } from 'vitest';
import { AuditLimitError, AuditStore } from './audit.store.js';

const input = {
  since: '2025-03-01T00:00:00.000Z',
  until: '2025-03-02T00:00:00.000Z',
  requestedBy: 'ops',
  now: new Date(0),
};

describe('AuditStore', () => {
  it('forgets the oldest finished audits beyond its size, never a running one', () => {
    const store = new AuditStore(2, 5);
    const first = store.create(input);
    const second = store.create(input);
    second.status = 'done';
    const third = store.create(input);
    expect(store.get(first.id)).toBe(first);
    expect(store.get(second.id)).toBeUndefined();
    expect(store.list().map((a) => a.id)).toEqual([third.id, first.id]);
  });

  it('refuses a new audit while the maximum number are running', () => {
    const store = new AuditStore(10, 1);
    const running = store.create(input);
    expect(() => store.create(input)).toThrow(AuditLimitError);
    running.status = 'failed';
    expect(store.create(input).status).toBe('running');
  });
});
