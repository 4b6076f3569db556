import { describe, expect, it } from 'vitest';
import { packApplied } from '../fixtures/events.fixture.js';
import { mutate, REMOVE } from '../fixtures/record.mutator.js';
import { decodePackEvent } from './pack.decoder.js';

describe('decodePackEvent', () => {
  it('decodes an applied pack with its YAML text unchanged', () => {
    expect(decodePackEvent(Buffer.from(JSON.stringify(packApplied)))).toEqual({
      ok: true,
      value: packApplied,
    });
  });

  it.each([
    [
      'a pack without a digest',
      mutate(packApplied, 'pack.sha256', REMOVE),
      'pack.sha256: expected a lowercase hex SHA-256 (64 chars), got missing',
    ],
    ['a missing pack reference', mutate(packApplied, 'pack', null), 'pack: expected an object, got null'],
    [
      'content that is not text',
      mutate(packApplied, 'content', { pack: {} }),
      'content: expected a string, got an object',
    ],
    [
      'an unknown source',
      mutate(packApplied, 'source', 'git'),
      'source: expected one of "cli", "file", "api", got a string',
    ],
    [
      'no author',
      mutate(packApplied, 'applied_by', REMOVE),
      'applied_by: expected a non-empty string, got missing',
    ],
  ])('refuses %s', (_name, record, reason) => {
    expect(decodePackEvent(record)).toEqual({ ok: false, reason });
  });
});
