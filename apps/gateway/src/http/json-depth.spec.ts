import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike', () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[{{{{', b: 'x\\"[[[' }), 1)).toBe(false);
  });

  it('finds a 100k-deep body without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan(`{"model":"m","x":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`, 64)).toBe(true);
    expect(nestsDeeperThan(`{"x":${'{"a":'.repeat(62)}1${'}'.repeat(62)}}`, 64)).toBe(false);
  });
});
