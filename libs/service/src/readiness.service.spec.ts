import { describe, expect, it } from 'vitest';
import { ReadinessService } from './readiness.service.js';

describe('ReadinessService', () => {
  it('answers as before when every check is a plain boolean', async () => {
    const readiness = new ReadinessService();
    readiness.register('database', () => true);
    readiness.register('kafka', () => false, { required: false });
    expect(await readiness.report()).toEqual({ ready: true, checks: { database: true, kafka: false } });
  });

  it('is degraded, not ready, with the reason, when a required check fails with one', async () => {
    const readiness = new ReadinessService();
    readiness.register('database', () => true);
    readiness.register('event-spool', () => ({ ok: false, reason: 'events waited 75 s' }));
    expect(await readiness.report()).toEqual({
      ready: false,
      status: 'degraded',
      checks: { database: true, 'event-spool': false },
      reasons: { 'event-spool': 'events waited 75 s' },
    });
  });

  it('is degraded but still ready when an optional check fails with a reason', async () => {
    const readiness = new ReadinessService();
    readiness.register('extra', async () => ({ ok: false, reason: 'late' }), { required: false });
    expect(await readiness.report()).toEqual({
      ready: true,
      status: 'degraded',
      checks: { extra: false },
      reasons: { extra: 'late' },
    });
  });
});
