import { describe, expect, it } from 'vitest';
import { EmbeddingIndex } from './embedding.index.js';
import { LexicalIndex, terms } from './lexical.index.js';
import { pickRoute } from './route.matcher.js';
import { ASSISTANT_ROUTES } from './semantic.fixture.js';
import { cosine, sparseCosine } from './vector.math.js';

describe('lexical semantic matching (no provider needed)', () => {
  const index = new LexicalIndex(ASSISTANT_ROUTES);
  const route = (prompt: string): string | undefined =>
    pickRoute(index.score(prompt), 0.2, 'lexical', 'drafting')?.route;

  it.each([
    ['Please draft an email to our customers announcing the price change', 'drafting'],
    ['Write a persuasive newsletter paragraph about the spring sale', 'drafting'],
    ['Can you review the indemnification clause in this contract?', 'legal-review'],
    ['What are the termination obligations in our agreement with the supplier?', 'legal-review'],
    ['Is this agreement enforceable?', 'legal-review'],
    ['My TypeScript function throws an exception when the input is null, fix it', 'code'],
    ['Refactor this Python script to read the CSV file lazily', 'code'],
    ['Why does this unit test time out?', 'code'],
    ['Tell me a joke about penguins', 'drafting'], // nothing matches: the default route
  ])('routes "%s" to %s', (prompt, expected) => {
    expect(route(prompt)).toBe(expected);
  });

  it('scores a prompt with no known word 0 for every route', () => {
    expect(index.score('xylophone quantum penguins').every((s) => s.score === 0)).toBe(true);
  });

  it('reduces words to stems without stopwords', () => {
    expect(terms('Reviewing the contracts, please!')).toEqual(['review', 'contract']);
  });
});

describe('embedding semantic matching', () => {
  const routes = [
    { name: 'a', examples: ['x', 'y'] },
    { name: 'b', examples: ['z'] },
  ];
  const index = new EmbeddingIndex(routes, [
    [1, 0, 0],
    [0.9, 0.1, 0],
    [0, 0, 1],
  ]);

  it.each([
    ['a prompt close to an example of a', [1, 0.05, 0], 'a'],
    ['a prompt close to the example of b', [0.05, 0, 1], 'b'],
  ])('routes %s by cosine similarity', (_name, vector, expected) => {
    expect(pickRoute(index.score(vector), 0.8, 'embedding', undefined)).toMatchObject({
      route: expected,
      method: 'embedding',
    });
  });

  it('refuses embeddings that do not match the examples one to one', () => {
    expect(() => new EmbeddingIndex(routes, [[1, 0, 0]])).toThrow('expected 3 example embeddings, got 1');
  });
});

describe('pickRoute', () => {
  it.each([
    ['the best route at the threshold', [{ route: 'a', score: 0.8 }], 'a', 'embedding'],
    ['the default route below the threshold', [{ route: 'a', score: 0.79 }], 'fallback', 'default'],
    ['the default route without scores', [], 'fallback', 'default'],
  ] as const)('picks %s', (_name, scores, route, method) => {
    expect(pickRoute(scores, 0.8, 'embedding', 'fallback')).toMatchObject({ route, method });
  });

  it('picks nothing below the threshold without a default route', () => {
    expect(pickRoute([{ route: 'a', score: 0.1 }], 0.8, 'lexical', undefined)).toBeUndefined();
  });
});

describe('vector math', () => {
  it.each([
    [[1, 0], [1, 0], 1],
    [[1, 0], [0, 1], 0],
    [[0, 0], [1, 0], 0],
    [[1, 0], [1, 0, 0], 0],
  ])('cosine(%j, %j) = %d', (a, b, expected) => {
    expect(cosine(a, b)).toBeCloseTo(expected);
  });

  it('computes sparse cosine over shared terms only', () => {
    expect(
      sparseCosine(
        new Map([['a', 1]]),
        new Map([
          ['a', 2],
          ['b', 0],
        ]),
      ),
    ).toBeCloseTo(1);
    expect(sparseCosine(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(0);
  });
});
