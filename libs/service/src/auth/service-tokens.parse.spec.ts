import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer.token.js';
import { parseServiceTokens } from './service-tokens.parse.js';
import { TokenRegistry } from './token.registry.js';

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const spec = { variable: 'LEDGER_TOKENS', roles: ['gateway', 'finance', 'admin'] as const };

describe('parseServiceTokens', () => {
  it('keeps role, name and the sha256 of plain and pre-hashed secrets', () => {
    const entries = parseServiceTokens(`gateway:gw:g-secret, admin:ops:sha256:${hex('a-secret')}`, spec);
    expect(entries.map((e) => [e.role, e.name, e.sha256.toString('hex')])).toEqual([
      ['gateway', 'gw', hex('g-secret')],
      ['admin', 'ops', hex('a-secret')],
    ]);
  });

  it.each([
    ['reader:alice:x', /^LEDGER_TOKENS entry 1: role must be one of gateway, finance, admin/],
    ['gateway:gw', /LEDGER_TOKENS entry 1: expected role:name:secret/],
    ['admin:ops:x,finance:alice:', /LEDGER_TOKENS entry 2 \(alice\): secret is empty/],
    ['finance:al ice:x', /name must be/],
    ['finance:a:x,admin:a:y', /used twice/],
  ])('rejects %s naming the variable and the problem', (text, message) => {
    expect(() => parseServiceTokens(text, spec)).toThrow(message);
  });

  it('never puts a secret in an error message, also one pasted where the role goes', () => {
    for (const text of [
      'boss:alice:top-secret-value',
      'top-secret-value:alice:x',
      'x%top-secret-value:a:b',
    ]) {
      expect(() => parseServiceTokens(text, spec)).toThrow(/^((?!top-secret-value).)*$/);
    }
  });
});

describe('TokenRegistry', () => {
  const registry = new TokenRegistry(parseServiceTokens(`gateway:gw:g1,admin:ops:sha256:${hex('a1')}`, spec));

  it.each([
    ['g1', { role: 'gateway', name: 'gw' }],
    ['a1', { role: 'admin', name: 'ops' }],
    ['g2', undefined],
    ['', undefined],
  ])('identifies token %j as %j', (token, caller) => {
    expect(registry.identify(token)).toEqual(caller);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
