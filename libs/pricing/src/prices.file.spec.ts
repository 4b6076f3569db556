import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogPrice } from './catalog.lookup.js';
import { liveCatalog, useBundledCatalog } from './catalog.source.js';
import { PricesFileError, useCatalogFromEnv } from './prices.file.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-prices-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const provider = (prices: unknown) => [
  {
    id: 'openai',
    name: 'OpenAI',
    api_pattern: '.*',
    models: [{ id: 'sim', match: { equals: 'sim' }, prices }],
  },
];

describe('KT_PRICES_FILE', () => {
  afterEach(() => useBundledCatalog());

  it('keeps the bundled catalog when unset', () => {
    expect(useCatalogFromEnv({})).toEqual({ name: '@pydantic/genai-prices', version: '0.1.8' });
  });

  it('prices from the file and names it by basename and content digest', () => {
    const path = file('data.json', JSON.stringify(provider({ input_mtok: 1.5, output_mtok: 3 })));
    const ref = useCatalogFromEnv({ KT_PRICES_FILE: path });
    expect(ref).toEqual({
      name: 'data.json',
      version: expect.stringMatching(/^file:[0-9a-f]{12}$/) as string,
    });
    expect(liveCatalog()).toEqual(ref);
    expect(catalogPrice('openai', 'sim', new Date())?.price).toEqual({
      inputMicroUsdPerMillion: 1_500_000n,
      outputMicroUsdPerMillion: 3_000_000n,
    });
  });

  it.each([
    ['a missing file', join(dir, 'absent.json'), 'KT_PRICES_FILE: cannot read the prices file (ENOENT)'],
    [
      'not JSON',
      file('bad.json', '{ secret-looking content'),
      'KT_PRICES_FILE: the prices file is not valid JSON',
    ],
    [
      'not an array',
      file('obj.json', '{"a":1}'),
      'KT_PRICES_FILE: (root): expected a non-empty array of providers',
    ],
    [
      'a negative rate',
      file('neg.json', JSON.stringify(provider({ input_mtok: -1 }))),
      'KT_PRICES_FILE: providers[0].models[0].prices: input_mtok: expected a non-negative number or {base, tiers}',
    ],
    [
      'a bad start date',
      file(
        'date.json',
        JSON.stringify(provider([{ constraint: { start_date: '2026-13-01' }, prices: { input_mtok: 1 } }])),
      ),
      'KT_PRICES_FILE: providers[0].models[0].prices[0].constraint.start_date: expected a date YYYY-MM-DD',
    ],
  ])('refuses %s, naming the variable and the problem but not the content', (_name, path, message) => {
    expect(() => useCatalogFromEnv({ KT_PRICES_FILE: path })).toThrow(new PricesFileError(message));
    expect(liveCatalog().name).toBe('@pydantic/genai-prices');
  });
});
