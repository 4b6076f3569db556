import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOOKUP_ID_LENGTH, regexProblem } from './safe.regex.js';

// Every regex match rule in the genai-prices dataset (its `cli.js` copy of the upstream data.json):
// an operator's downloaded file must keep loading.
const DATASET = [
  '^(?!.*-[tT][tT][sS](?:$|-))',
  '^(?![^/]+/)(?:labs-)?(?:(?:mi|code|dev|magi|mini)stral|mixtral|pixtral|voxtral|open-(?:mistral|mixtral))',
  '^claude-opus-5-\\d{8}$',
  '^composer-2\\.5\\[fast=false\\]$',
  '^gemini-3\\.5-flash-\\d',
  '^gpt-5\\.4-mini-\\d{4}-\\d{2}-\\d{2}$',
  '^o[134]',
  '^x-ai/grok-4\\.6-\\d{8}$',
];

describe('regexProblem', () => {
  it.each(DATASET)('admits the dataset pattern %s', (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['^(a+)+$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^(a|a)*$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    // Alternatives one group further in repeat just as much (found by the property below).
    ['^(?:(?:a|a))+a$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^(x(?:a|a)y)*$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^(\\w+\\s?)*$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^(?:(?:a)?){30}a{30}$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^(?:x(?=a*))+$', 'a nested quantifier (a repeated group holding a quantifier or alternatives)'],
    ['^a*a*a*b$', 'too many ways to match (e.g. more than one unbounded quantifier)'],
    [
      `^${'a?'.repeat(20)}${'a'.repeat(20)}$`,
      'too many ways to match (e.g. more than one unbounded quantifier)',
    ],
    [`^${'(?:a|a)'.repeat(20)}b$`, 'too many ways to match (e.g. more than one unbounded quantifier)'],
    ['^(a)\\1$', 'a backreference'],
    ['^(?<x>a)\\k<x>$', 'a backreference'],
    ['^a{5000}$', 'a repeat count above 1000'],
    ['^(a', 'not a valid regular expression'],
    [`^${'a'.repeat(600)}$`, 'a regex longer than 512 characters'],
  ])('refuses %s', (pattern, problem) => {
    expect(regexProblem(pattern)).toBe(problem);
  });

  // Patterns built from groups, alternatives and quantifiers — the shapes that backtrack — tried on
  // ids that almost match: a short one first, so a pattern that slipped through fails here rather
  // than hanging on the long one.
  const pattern = fc
    .letrec((tie) => ({
      atom: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('a', '[ab]', '.', '\\w'),
        fc.tuple(tie('seq'), fc.option(tie('seq'))).map(([x, y]) => `(?:${x}${y === null ? '' : `|${y}`})`),
      ),
      term: fc
        .tuple(tie('atom'), fc.constantFrom('', '', '*', '+', '?', '{1,5}'))
        .map(([a, q]) => `${a}${q}`),
      seq: fc.array(tie('term'), { minLength: 1, maxLength: 3 }).map((terms) => terms.join('')),
    }))
    .seq.map((body) => `^${body}$`);

  it('lets through only patterns that answer an almost-matching id within 1 s', () => {
    const ids = [`${'a'.repeat(28)}!`, `${'a'.repeat(MAX_LOOKUP_ID_LENGTH - 1)}!`];
    fc.assert(
      fc.property(pattern, (source) => {
        if (regexProblem(source) !== undefined) return;
        const regex = new RegExp(source);
        for (const id of ids) {
          const started = performance.now();
          regex.test(id);
          expect(performance.now() - started).toBeLessThan(1_000);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
