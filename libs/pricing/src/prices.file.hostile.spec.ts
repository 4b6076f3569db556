import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { waitForUpdate } from '@pydantic/genai-prices';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogPrice } from './catalog.lookup.js';
import { liveCatalog, useBundledCatalog } from './catalog.source.js';
import { PricesFileError, useCatalogFromEnv } from './prices.file.js';

// A prices file that loads must price every lookup without throwing or blocking: each case below
// once loaded and then failed (TypeError, stack overflow, a 106 s lookup) at the gateway's first one.

const dir = mkdtempSync(join(tmpdir(), 'kt-prices-hostile-'));
let n = 0;
const file = (content: string): string => {
  const path = join(dir, `p${(n += 1)}.json`);
  writeFileSync(path, content);
  return path;
};
const providers = (match: unknown, extra: Record<string, unknown> = {}) => [
  {
    id: 'openai',
    name: 'OpenAI',
    api_pattern: '.*',
    ...extra,
    models: [{ id: 'sim', match, prices: { input_mtok: 1, output_mtok: 2 } }],
  },
];
const load = (content: string) => useCatalogFromEnv({ KT_PRICES_FILE: file(content) });
const nestedOr = (depth: number): string => `${'{"or":['.repeat(depth)}{"equals":"sim"}${']}'.repeat(depth)}`;
const hostile = 'a-secret-looking-value-'.repeat(500);
const P = 'KT_PRICES_FILE: providers[0]';
const NESTED = 'refused: a nested quantifier (a repeated group holding a quantifier or alternatives)';

describe('KT_PRICES_FILE refuses at load what would fail a lookup', () => {
  afterEach(() => useBundledCatalog());

  it.each([
    [
      'a non-string leaf',
      providers({ equals: 5 }),
      `${P}.models[0].match.equals: expected a non-empty string`,
    ],
    [
      'a non-array or',
      providers({ or: 'x' }),
      `${P}.models[0].match.or: expected a non-empty array of match rules`,
    ],
    [
      'an empty and',
      providers({ and: [] }),
      `${P}.models[0].match.and: expected a non-empty array of match rules`,
    ],
    [
      'a null inside or',
      providers({ or: [null] }),
      `${P}.models[0].match.or[0]: expected a match rule object`,
    ],
    [
      'two kinds in one rule',
      providers({ equals: 'sim', or: [] }),
      `${P}.models[0].match: expected exactly one key, one of or, and, equals, starts_with, ends_with, contains, regex`,
    ],
    [
      'an unknown rule named by a hostile key',
      providers({ [hostile]: 'x' }),
      `${P}.models[0].match: unknown match rule: expected one of or, and, equals, starts_with, ends_with, contains, regex`,
    ],
    ['a catastrophic regex', providers({ regex: '^(a+)+$' }), `${P}.models[0].match.regex: ${NESTED}`],
    [
      'a backreference',
      providers({ regex: '^(a)\\1$' }),
      `${P}.models[0].match.regex: refused: a backreference`,
    ],
    [
      'a string fallback list',
      providers({ equals: 'sim' }, { fallback_model_providers: 'azure' }),
      `${P}.fallback_model_providers: expected an array of provider ids`,
    ],
    [
      'a fallback the file does not define',
      providers({ equals: 'sim' }, { fallback_model_providers: ['azure'] }),
      `${P}.fallback_model_providers[0]: expected the id of a provider in this file`,
    ],
    [
      'an unbounded model id',
      [{ id: 'openai', name: 'O', models: [{ id: hostile, match: { equals: 'x' }, prices: {} }] }],
      `${P}.models[0].id: expected a string of 1 to 200 characters`,
    ],
    [
      'an unbounded provider id',
      [{ id: hostile, name: 'O', models: [] }],
      `${P}.id: expected a string of 1 to 100 characters`,
    ],
    [
      'a null dated price',
      providers({ equals: 'sim' }).map((p) => ({
        ...p,
        models: [{ id: 'sim', match: { equals: 'sim' }, prices: [null] }],
      })),
      `${P}.models[0].prices[0]: expected an object of rates`,
    ],
  ])('refuses %s, naming the path, never the content', (_name, data, message) => {
    expect(() => load(JSON.stringify(data))).toThrow(new PricesFileError(message));
    expect(liveCatalog().name).toBe('@pydantic/genai-prices');
  });

  it('refuses match rules nested deeper than 16, and any JSON deeper than 64 before parsing it', () => {
    const rule = (depth: number) =>
      `[{"id":"openai","name":"O","models":[{"id":"sim","match":${nestedOr(depth)},"prices":{}}]}]`;
    expect(() => load(rule(17))).toThrow(
      /^KT_PRICES_FILE: providers\[0\]\.models\[0\]\.match(\.or\[0\]){16}: match rules nested deeper than 16$/,
    );
    expect(() => load(rule(50_000))).toThrow(
      new PricesFileError('KT_PRICES_FILE: the prices file nests deeper than 64 levels'),
    );
  });

  it('refuses a file over 16 MiB without reading it', () => {
    const path = file('[]');
    truncateSync(path, 17 * 1024 * 1024);
    expect(() => useCatalogFromEnv({ KT_PRICES_FILE: path })).toThrow(
      new PricesFileError('KT_PRICES_FILE: the prices file is larger than 16777216 bytes'),
    );
  });

  it('keeps messages short whatever the input', () => {
    const data = [
      { id: 'openai', name: 'O', models: [{ id: 'x', match: { regex: `^${hostile}$` }, prices: {} }] },
    ];
    let message = '';
    try {
      load(JSON.stringify(data));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'KT_PRICES_FILE: providers[0].models[0].match.regex: refused: a regex longer than 512 characters',
    );
    expect(message).not.toContain('secret');
  });

  it('loads the genai-prices dataset itself and prices from it', async () => {
    const data = await waitForUpdate();
    expect(load(JSON.stringify(data)).version).toMatch(/^file:[0-9a-f]{12}$/);
    expect(catalogPrice('azure', 'gpt-5.4-mini', new Date('2026-06-01T00:00:00Z'))?.price).toMatchObject({
      inputMicroUsdPerMillion: 750_000n,
      outputMicroUsdPerMillion: 4_500_000n,
    });
  });

  it('never throws anything but PricesFileError, and never hangs, for arbitrary JSON', () => {
    const rule: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      rule: fc.oneof(
        { maxDepth: 6, depthSize: 'small', withCrossShrink: true },
        fc.record({ equals: fc.oneof(fc.string(), fc.jsonValue()) }),
        fc.record({ or: fc.oneof(fc.array(tie('rule'), { maxLength: 3 }), fc.jsonValue()) }),
        fc.record({ and: fc.array(tie('rule'), { maxLength: 3 }) }),
        fc.record({ starts_with: fc.string() }),
        fc.record({ regex: fc.stringMatching(/^\^[a()+*?|.\\1[\]{}2,]{0,12}\$$/) }),
        fc.jsonValue(),
      ),
    })).rule;
    const file = fc.oneof(
      fc.jsonValue(),
      fc
        .record({
          match: rule,
          fallback: fc.jsonValue(),
          id: fc.oneof(fc.string(), fc.jsonValue()),
          prices: fc.jsonValue(),
        })
        .map(({ match, fallback, id, prices }) => [
          { id: 'openai', name: 'O', fallback_model_providers: fallback, models: [{ id, match, prices }] },
        ]),
      rule.map((match) => providers(match)),
    );
    fc.assert(
      fc.property(file, (data) => {
        const started = performance.now();
        try {
          load(JSON.stringify(data) ?? 'null');
          for (const id of ['sim', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', 'openai/sim'])
            catalogPrice('openai', id, new Date());
        } catch (error) {
          expect(error).toBeInstanceOf(PricesFileError);
        } finally {
          useBundledCatalog();
        }
        expect(performance.now() - started).toBeLessThan(1_000);
      }),
      { numRuns: 500 },
    );
  });
});
