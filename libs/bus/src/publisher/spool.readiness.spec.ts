import { describe, expect, it } from 'vitest';
import { spoolAgeGatesReadiness, spoolMaxAgeMs, spoolReadiness } from './spool.readiness.js';

describe('spoolReadiness', () => {
  it('is ok until the oldest spooled record passes the threshold, then says why', () => {
    let age = 0;
    const check = spoolReadiness({ oldestSpooledAgeMs: () => age }, 60_000, 'route events');
    expect(check()).toEqual({ ok: true });
    age = 60_000;
    expect(check()).toEqual({ ok: true });
    age = 75_500;
    expect(check()).toEqual({
      ok: false,
      reason: 'the oldest spooled route events have waited 75 s for Kafka (threshold 60 s)',
    });
  });

  it('reads KT_SPOOL_MAX_AGE_SECONDS, default 60, and refuses nonsense without echoing it', () => {
    expect(spoolMaxAgeMs({})).toBe(60_000);
    expect(spoolMaxAgeMs({ KT_SPOOL_MAX_AGE_SECONDS: '5' })).toBe(5_000);
    expect(() => spoolMaxAgeMs({ KT_SPOOL_MAX_AGE_SECONDS: 'secret-ish' })).toThrow(
      /^KT_SPOOL_MAX_AGE_SECONDS must be an integer >= 1$/,
    );
  });

  it('degrades without failing readiness unless KT_SPOOL_READINESS=fail', () => {
    expect(spoolAgeGatesReadiness({})).toBe(false);
    expect(spoolAgeGatesReadiness({ KT_SPOOL_READINESS: 'degrade' })).toBe(false);
    expect(spoolAgeGatesReadiness({ KT_SPOOL_READINESS: 'fail' })).toBe(true);
    expect(() => spoolAgeGatesReadiness({ KT_SPOOL_READINESS: 'secret-ish' })).toThrow(
      /^KT_SPOOL_READINESS: expected degrade or fail$/,
    );
  });
});
