import { describe, expect, it } from 'vitest';
import { spoolCheck } from './service.publisher.js';

const publisher = (ageMs: number) => ({ oldestSpooledAgeMs: () => ageMs }) as never;

describe('spoolCheck', () => {
  it('reads its threshold and its gate from the environment it is given, not the process', () => {
    const spool = spoolCheck(publisher(6_000), 'route events', {
      KT_SPOOL_MAX_AGE_SECONDS: '5',
      KT_SPOOL_READINESS: 'fail',
    });
    expect(spool.required).toBe(true);
    expect(spool.check()).toEqual({
      ok: false,
      reason: 'the oldest spooled route events have waited 6 s for Kafka (threshold 5 s)',
    });
  });

  it('degrades without gating by default', () => {
    const spool = spoolCheck(publisher(1_000), 'probe events', {});
    expect(spool.required).toBe(false);
    expect(spool.check()).toEqual({ ok: true });
  });
});
