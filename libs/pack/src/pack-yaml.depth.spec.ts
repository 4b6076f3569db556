import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH, nestsDeeperThan } from './pack-yaml.depth.js';

const seed = readFileSync(new URL('../../../packs/multi-provider-core.yaml', import.meta.url), 'utf8');

describe('nestsDeeperThan', () => {
  it.each([
    ['a 100,000-deep flow list', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['a 100,000-deep flow map', '{a: '.repeat(100_000) + '}'.repeat(100_000)],
    ['a 100,000-deep compact block list', `${'- '.repeat(100_000)}x\n`],
    [
      'a block map indented one space a level',
      Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ],
    ['flow brackets under block entries', `a:\n  - - - ${'['.repeat(62)}${']'.repeat(62)}\n`],
  ])('finds %s too deep, quickly', (_name, text) => {
    const started = performance.now();
    expect(nestsDeeperThan(text)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    ['the seed pack', seed],
    ['brackets in quotes', `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\nc: 'it''s [[['\n`],
    ['brackets in comments', `a: 1 # ${'['.repeat(100)}\n# ${'{'.repeat(100)}\n`],
    [
      'brackets in a block scalar',
      `a: |\n  ${'['.repeat(100)}\n\n  more\nb: >-\n  ${'{'.repeat(100)}\nc: 1\n`,
    ],
    ['exactly the limit of flow lists', '['.repeat(MAX_YAML_DEPTH - 1) + ']'.repeat(MAX_YAML_DEPTH - 1)],
    ['a plain word with a quote in it', `a: it's ${'['.repeat(3)}x${']'.repeat(3)}\nb: [don't]\n`],
  ])('lets %s through', (_name, text) => {
    expect(nestsDeeperThan(text)).toBe(false);
  });
});
