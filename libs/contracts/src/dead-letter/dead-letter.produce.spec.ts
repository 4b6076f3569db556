import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deadLettered } from '../fixtures/events.fixture.js';
import { mutate } from '../fixtures/record-mutator.fixture.js';
import { decodeDeadLetter } from './dead-letter.decoder.js';
import { createProduceDeadLetter, produceDeadLetterKey } from './dead-letter.produce.js';

const at = '2026-12-07T12:00:00.000Z';

describe('createProduceDeadLetter', () => {
  it('carries a bounded excerpt, the full size and hash, never the whole value', () => {
    const value = Buffer.from(`{"model":"${'m'.repeat(1_300_000)}"}`);
    const event = createProduceDeadLetter(
      { topic: 'kt.route-events.v1', key: 'req-1', value },
      'MESSAGE_TOO_LARGE',
      'kt-gateway',
      at,
    );
    expect(event).toMatchObject({
      source_topic: 'kt.route-events.v1',
      partition: -1,
      offset: '-1',
      key: 'req-1',
      reason: 'MESSAGE_TOO_LARGE',
      consumer_group: 'kt-gateway',
      stage: 'produce',
      value_truncated: true,
      value_bytes: value.length,
      value_sha256: createHash('sha256').update(value).digest('hex'),
      value_encoding: 'utf8',
    });
    expect(event.value).toHaveLength(1024);
    expect(JSON.stringify(event).length).toBeLessThan(2_000);
    expect(decodeDeadLetter(JSON.stringify(event))).toEqual({ ok: true, value: event });
    expect(produceDeadLetterKey(event)).toMatch(/^kt\.route-events\.v1:produce:[0-9a-f]{32}$/);
  });

  it('caps the key and keeps a cut multi-byte excerpt as base64', () => {
    const value = Buffer.concat([Buffer.alloc(1023, 'a'), Buffer.from('é')]);
    const event = createProduceDeadLetter({ topic: 't', key: 'k'.repeat(10_000), value }, '', 'p', at);
    expect(event.key).toHaveLength(256);
    expect(event.value_encoding).toBe('base64');
    expect(event.reason).toBe('no reason given');
    expect(decodeDeadLetter(JSON.stringify(event)).ok).toBe(true);
  });
});

describe('decodeDeadLetter with the additive fields', () => {
  it('still refuses an offset of -1 on a consume-stage record', () => {
    expect(decodeDeadLetter(mutate(deadLettered, 'partition', -1))).toEqual({
      ok: false,
      reason: 'partition: expected an integer >= 0, got -1',
    });
  });

  it('refuses an unknown stage and a malformed hash', () => {
    expect(decodeDeadLetter({ ...deadLettered, stage: 'later' }).ok).toBe(false);
    expect(decodeDeadLetter({ ...deadLettered, value_sha256: 'abc' }).ok).toBe(false);
  });
});
