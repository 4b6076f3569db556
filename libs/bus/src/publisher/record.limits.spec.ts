import { describe, expect, it } from 'vitest';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, RecordLimits } from './record.limits.js';

const record = (bytes: number, topic = 'kt.route-events.v1') => ({
  topic,
  key: 'k',
  value: Buffer.alloc(bytes),
});

describe('RecordLimits', () => {
  it('holds records to Kafka’s default until the broker says otherwise, batch overhead included', () => {
    const limits = new RecordLimits(undefined);
    expect(limits.limitFor('kt.route-events.v1')).toBe(KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
    expect(limits.check(record(1_000_000)).ok).toBe(true);
    // The value alone fits the limit; with the batch around it, it does not.
    const check = limits.check(record(KAFKA_DEFAULT_MAX_MESSAGE_BYTES - 20));
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ limit: KAFKA_DEFAULT_MAX_MESSAGE_BYTES });
    expect(!check.ok && check.reason).toMatch(
      /^RECORD_TOO_LARGE: \d+ bytes encoded, kt\.route-events\.v1 accepts at most 1048588$/,
    );
  });

  it('remembers topics it has not asked the broker about yet, unless overridden', () => {
    const learning = new RecordLimits(undefined);
    expect(learning.hasUnlearned).toBe(false);
    learning.check(record(10));
    expect(learning.hasUnlearned).toBe(true);

    const overridden = new RecordLimits(4096);
    expect(overridden.check(record(5000)).ok).toBe(false);
    expect(overridden.check(record(1000)).ok).toBe(true);
    expect(overridden.hasUnlearned).toBe(false);
  });
});
