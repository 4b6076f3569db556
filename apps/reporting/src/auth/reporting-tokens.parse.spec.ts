import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseReportingTokens } from './reporting-tokens.parse.js';
import { TokenRegistry } from './token.registry.js';
import { bearerToken, isProtected } from './auth.guard.js';

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('parseReportingTokens', () => {
  it('keeps role, name and the sha256 of plain and pre-hashed secrets', () => {
    const entries = parseReportingTokens(`finance:alice:f-secret, admin:ops:sha256:${hex('a-secret')}`);
    expect(entries.map((e) => [e.role, e.name, e.sha256.toString('hex')])).toEqual([
      ['finance', 'alice', hex('f-secret')],
      ['admin', 'ops', hex('a-secret')],
    ]);
  });

  it.each([
    ['reader:alice:x', /role must be one of finance, admin/],
    ['finance:alice', /expected role:name:secret/],
    ['finance:alice:', /secret is empty/],
    ['finance:al ice:x', /name must be/],
    ['finance:a:x,admin:a:y', /used twice/],
  ])('rejects %s with a message that names the problem', (text, message) => {
    expect(() => parseReportingTokens(text)).toThrow(message);
  });

  it('never puts the secret in an error message', () => {
    expect(() => parseReportingTokens('boss:alice:top-secret-value')).toThrow(/^((?!top-secret-value).)*$/);
  });
});

describe('TokenRegistry', () => {
  const registry = new TokenRegistry(parseReportingTokens(`finance:alice:f1,admin:ops:sha256:${hex('a1')}`));

  it.each([
    ['f1', { role: 'finance', name: 'alice' }],
    ['a1', { role: 'admin', name: 'ops' }],
    ['f2', undefined],
    ['', undefined],
  ])('identifies token %j as %j', (token, caller) => {
    expect(registry.identify(token)).toEqual(caller);
  });
});

describe('bearerToken and isProtected', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['Basic abc', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    ['/v1/spend', true],
    ['/v1/audits/:id', true],
    ['/healthz', false],
    ['/docs', false],
    ['/dashboard/*', false],
    [undefined, true],
  ])('treats the route pattern %s as protected=%s', (pattern, expected) => {
    expect(isProtected({ routeOptions: { url: pattern } })).toBe(expected);
  });
});
