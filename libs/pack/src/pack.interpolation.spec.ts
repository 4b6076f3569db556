import { describe, expect, it } from 'vitest';
import { interpolateEnv, interpolateString } from './pack.interpolation.js';

const env = { HOST: 'api.internal', PORT: '8443', EMPTY: '' };

describe('interpolateString', () => {
  it.each([
    ['no references', 'plain text', 'plain text', []],
    ['one reference', 'https://${HOST}', 'https://api.internal', []],
    ['two references', '${HOST}:${PORT}', 'api.internal:8443', []],
    ['an empty variable', 'x${EMPTY}y', 'xy', []],
    ['an escaped reference', 'literal $${HOST}', 'literal ${HOST}', []],
    ['a lone dollar sign', 'costs $5', 'costs $5', []],
    ['a missing variable', '${NOPE}', '', ['environment variable NOPE is not set']],
    ['an inherited property name', '${constructor}', '', ['environment variable constructor is not set']],
    [
      'an invalid name',
      '${1X}',
      '',
      ['invalid variable reference ${1X}; expected ${NAME} with letters, digits and _'],
    ],
    ['an unterminated reference', 'a ${HOST', 'a ', ['unterminated ${ (write $${ for a literal ${)']],
  ])('handles %s', (_case, input, text, errors) => {
    const result = interpolateString(input, env);
    expect(result.text).toBe(text);
    expect(result.errors).toEqual(errors);
  });
});

describe('interpolateEnv', () => {
  it('rewrites strings at any depth, leaves other values alone and names each failing path', () => {
    const result = interpolateEnv({ a: { list: ['${HOST}', 3, true, null] }, b: '${MISSING}' }, env);
    expect(result.value).toEqual({ a: { list: ['api.internal', 3, true, null] }, b: '' });
    expect(result.errors).toEqual([{ path: 'b', message: 'environment variable MISSING is not set' }]);
    expect([...result.interpolatedPaths]).toEqual(['a.list[0]']);
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const result = interpolateEnv(input, env).value as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
