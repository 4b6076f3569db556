import { describe, expect, it } from 'vitest';
import { packApplied } from '../fixtures/events.fixture.js';
import { mutate, REMOVE } from '../fixtures/record-mutator.fixture.js';
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

describe('decodePackEvent: signature', () => {
  const signature = { alg: 'ed25519', key_id: '0123456789abcdef', value: `${'A'.repeat(86)}==` };

  it('keeps a well-formed signature and reads an absent one as unsigned', () => {
    const signed = { ...packApplied, signature };
    expect(decodePackEvent(Buffer.from(JSON.stringify(signed)))).toEqual({ ok: true, value: signed });
    expect(decodePackEvent(Buffer.from(JSON.stringify({ ...packApplied, signature: null })))).toEqual({
      ok: true,
      value: packApplied,
    });
  });

  it.each([
    ['another algorithm', { ...signature, alg: 'rsa' }, 'signature.alg: expected "ed25519"'],
    [
      'a malformed key id',
      { ...signature, key_id: 'KEY' },
      'signature.key_id: expected 16 lowercase hex digits',
    ],
    [
      'a signature of the wrong size',
      { ...signature, value: 'AAAA' },
      'signature.value: expected a base64 Ed25519',
    ],
    ['a signature that is not an object', 'sig', 'signature: expected an object when present'],
  ])('refuses %s', (_name, value, reason) => {
    const decoded = decodePackEvent(Buffer.from(JSON.stringify({ ...packApplied, signature: value })));
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toContain(reason);
  });
});
