import { describe, expect, it } from 'vitest';
import { decodeDeadLetter } from './dead-letter.decoder.js';
import { createDeadLetter, deadLetterKey, deadLetterValue, FailedRecord } from './dead-letter.factory.js';

const record = (
  value: FailedRecord['value'],
  key: FailedRecord['key'] = Buffer.from('req-1'),
): FailedRecord => ({
  topic: 'kt.route-events.v1',
  partition: 2,
  offset: '17',
  key,
  value,
});

describe('createDeadLetter', () => {
  it.each([
    [
      'keeps a UTF-8 value as text',
      record(Buffer.from('{"schema":"kt.route.v9","café":1}')),
      'utf8',
      '{"schema":"kt.route.v9","café":1}',
    ],
    ['keeps invalid UTF-8 as base64', record(Buffer.from([0xff, 0xfe, 0x00, 0x41])), 'base64', '//4AQQ=='],
    ['keeps a tombstone as empty text', record(null, null), 'utf8', ''],
  ])('%s, and the original bytes come back', (_name, failed, encoding, value) => {
    const event = createDeadLetter(failed, 'invalid JSON', 'kt-ledger', '2025-03-01T00:00:00.000Z');
    expect([event.value_encoding, event.value]).toEqual([encoding, value]);
    expect(deadLetterValue(event)).toEqual(failed.value ?? Buffer.alloc(0));
    expect(decodeDeadLetter(JSON.stringify(event))).toEqual({ ok: true, value: event });
  });

  it('copies where the record came from and why it failed', () => {
    const event = createDeadLetter(
      record(Buffer.from('x'), 'req-9'),
      'unknown schema "kt.route.v9"',
      'kt-ledger',
      '2025-03-01T00:00:00.000Z',
    );
    expect(event).toMatchObject({
      source_topic: 'kt.route-events.v1',
      partition: 2,
      offset: '17',
      key: 'req-9',
      reason: 'unknown schema "kt.route.v9"',
      consumer_group: 'kt-ledger',
      failed_at: '2025-03-01T00:00:00.000Z',
    });
  });

  it('stamps the failure time in UTC when none is given', () => {
    expect(createDeadLetter(record(null), 'boom', 'g').failed_at).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
  });

  it('keys a dead letter by source topic, partition and offset', () => {
    expect(deadLetterKey('kt.route-events.v1', 5, '123')).toBe('kt.route-events.v1:5:123');
  });
});
