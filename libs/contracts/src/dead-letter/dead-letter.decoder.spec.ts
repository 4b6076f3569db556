import { describe, expect, it } from 'vitest';
import { deadLettered } from '../fixtures/events.fixture.js';
import { mutate } from '../fixtures/record-mutator.fixture.js';
import { decodeDeadLetter } from './dead-letter.decoder.js';

describe('decodeDeadLetter', () => {
  it.each([
    ['a text record with a key', deadLettered],
    [
      'a binary record without a key',
      { ...deadLettered, key: null, value: '//4A', value_encoding: 'base64' },
    ],
  ])('decodes %s', (_name, event) => {
    expect(decodeDeadLetter(Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, value: event });
  });

  it.each([
    [
      'an offset given as a number',
      mutate(deadLettered, 'offset', 42),
      'offset: expected a non-empty string, got 42',
    ],
    [
      'a negative offset',
      mutate(deadLettered, 'offset', '-1'),
      'offset: expected a decimal offset string like "42", got a string',
    ],
    [
      'a fractional partition',
      mutate(deadLettered, 'partition', 1.5),
      'partition: expected an integer >= 0, got 1.5',
    ],
    [
      'an unknown value encoding',
      mutate(deadLettered, 'value_encoding', 'hex'),
      'value_encoding: expected one of "utf8", "base64", got a string',
    ],
    ['a key of the wrong type', mutate(deadLettered, 'key', 3), 'key: expected a string or null, got 3'],
    [
      'an empty reason',
      mutate(deadLettered, 'reason', ''),
      'reason: expected a non-empty string, got an empty string',
    ],
  ])('refuses %s', (_name, record, reason) => {
    expect(decodeDeadLetter(record)).toEqual({ ok: false, reason });
  });
});
