// The shipped list prices, in USD per 1M tokens as the vendors publish them (standard tier,
// no batch or priority discounts). Checked against the OpenAI and Anthropic pricing pages as of
// CATALOG_VERSION. Azure OpenAI is priced at its Global Standard deployment price, which is the
// OpenAI list price; regional and data-zone deployments cost more: give those targets `pricing`.
// Only exact model ids and the dated or `-latest` aliases listed here match: an unknown model is
// unpriced, never guessed from a similar name (gpt-4o-2024-05-13 costs twice gpt-4o, for one).

export const CATALOG_VERSION = '2026-11-24';

export type CatalogVendor = 'openai' | 'azure' | 'anthropic';

export interface CatalogRates {
  readonly input: string;
  readonly output: string;
  readonly cachedInput?: string;
  readonly cacheWrite?: string;
}

export interface CatalogEntry extends CatalogRates {
  readonly model: string;
  readonly vendors: readonly CatalogVendor[];
  /** Other ids the vendor accepts for exactly this model and price. */
  readonly aliases?: readonly string[];
  readonly longContext?: CatalogRates & { readonly aboveInputTokens: number };
}

const OPENAI: readonly CatalogVendor[] = ['openai', 'azure'];
const ANTHROPIC: readonly CatalogVendor[] = ['anthropic'];

// Claude Sonnet 4 and 4.5 with the 1M-token context: over 200K input tokens the whole request
// is billed at these rates.
const SONNET_LONG_CONTEXT = {
  aboveInputTokens: 200_000,
  input: '6.00',
  cachedInput: '0.60',
  cacheWrite: '7.50',
  output: '22.50',
};

export const PRICE_CATALOG: readonly CatalogEntry[] = [
  // OpenAI (and Azure OpenAI)
  {
    model: 'gpt-4o',
    vendors: OPENAI,
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    input: '2.50',
    cachedInput: '1.25',
    output: '10.00',
  },
  { model: 'gpt-4o-2024-05-13', vendors: OPENAI, input: '5.00', output: '15.00' },
  {
    model: 'gpt-4o-mini',
    vendors: OPENAI,
    aliases: ['gpt-4o-mini-2024-07-18'],
    input: '0.15',
    cachedInput: '0.075',
    output: '0.60',
  },
  {
    model: 'gpt-4.1',
    vendors: OPENAI,
    aliases: ['gpt-4.1-2025-04-14'],
    input: '2.00',
    cachedInput: '0.50',
    output: '8.00',
  },
  {
    model: 'gpt-4.1-mini',
    vendors: OPENAI,
    aliases: ['gpt-4.1-mini-2025-04-14'],
    input: '0.40',
    cachedInput: '0.10',
    output: '1.60',
  },
  {
    model: 'gpt-4.1-nano',
    vendors: OPENAI,
    aliases: ['gpt-4.1-nano-2025-04-14'],
    input: '0.10',
    cachedInput: '0.025',
    output: '0.40',
  },
  {
    model: 'gpt-5',
    vendors: OPENAI,
    aliases: ['gpt-5-2025-08-07', 'gpt-5-chat-latest'],
    input: '1.25',
    cachedInput: '0.125',
    output: '10.00',
  },
  {
    model: 'gpt-5-mini',
    vendors: OPENAI,
    aliases: ['gpt-5-mini-2025-08-07'],
    input: '0.25',
    cachedInput: '0.025',
    output: '2.00',
  },
  {
    model: 'gpt-5-nano',
    vendors: OPENAI,
    aliases: ['gpt-5-nano-2025-08-07'],
    input: '0.05',
    cachedInput: '0.005',
    output: '0.40',
  },
  { model: 'gpt-5.1', vendors: OPENAI, input: '1.25', cachedInput: '0.125', output: '10.00' },
  { model: 'gpt-5.4', vendors: OPENAI, input: '2.50', cachedInput: '0.25', output: '15.00' },
  { model: 'gpt-5.4-mini', vendors: OPENAI, input: '0.75', cachedInput: '0.075', output: '4.50' },
  { model: 'gpt-5.5', vendors: OPENAI, input: '5.00', cachedInput: '0.50', output: '30.00' },
  {
    model: 'o1',
    vendors: OPENAI,
    aliases: ['o1-2024-12-17'],
    input: '15.00',
    cachedInput: '7.50',
    output: '60.00',
  },
  {
    model: 'o3',
    vendors: OPENAI,
    aliases: ['o3-2025-04-16'],
    input: '2.00',
    cachedInput: '0.50',
    output: '8.00',
  },
  {
    model: 'o3-mini',
    vendors: OPENAI,
    aliases: ['o3-mini-2025-01-31'],
    input: '1.10',
    cachedInput: '0.55',
    output: '4.40',
  },
  {
    model: 'o4-mini',
    vendors: OPENAI,
    aliases: ['o4-mini-2025-04-16'],
    input: '1.10',
    cachedInput: '0.275',
    output: '4.40',
  },
  { model: 'text-embedding-3-small', vendors: OPENAI, input: '0.02', output: '0' },
  { model: 'text-embedding-3-large', vendors: OPENAI, input: '0.13', output: '0' },
  { model: 'text-embedding-ada-002', vendors: OPENAI, input: '0.10', output: '0' },

  // Anthropic (cache writes at the default 5-minute rate)
  {
    model: 'claude-3-haiku-20240307',
    vendors: ANTHROPIC,
    input: '0.25',
    cachedInput: '0.03',
    cacheWrite: '0.30',
    output: '1.25',
  },
  {
    model: 'claude-3-opus-20240229',
    vendors: ANTHROPIC,
    aliases: ['claude-3-opus-latest'],
    input: '15.00',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    output: '75.00',
  },
  {
    model: 'claude-3-5-sonnet-20240620',
    vendors: ANTHROPIC,
    input: '3.00',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    output: '15.00',
  },
  {
    model: 'claude-3-5-sonnet-20241022',
    vendors: ANTHROPIC,
    aliases: ['claude-3-5-sonnet-latest'],
    input: '3.00',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    output: '15.00',
  },
  {
    model: 'claude-3-5-haiku-20241022',
    vendors: ANTHROPIC,
    aliases: ['claude-3-5-haiku-latest'],
    input: '0.80',
    cachedInput: '0.08',
    cacheWrite: '1.00',
    output: '4.00',
  },
  {
    model: 'claude-3-7-sonnet-20250219',
    vendors: ANTHROPIC,
    aliases: ['claude-3-7-sonnet-latest'],
    input: '3.00',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    output: '15.00',
  },
  {
    model: 'claude-sonnet-4-20250514',
    vendors: ANTHROPIC,
    aliases: ['claude-sonnet-4-0'],
    input: '3.00',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    output: '15.00',
    longContext: SONNET_LONG_CONTEXT,
  },
  {
    model: 'claude-sonnet-4-5-20250929',
    vendors: ANTHROPIC,
    aliases: ['claude-sonnet-4-5'],
    input: '3.00',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    output: '15.00',
    longContext: SONNET_LONG_CONTEXT,
  },
  {
    model: 'claude-opus-4-20250514',
    vendors: ANTHROPIC,
    aliases: ['claude-opus-4-0'],
    input: '15.00',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    output: '75.00',
  },
  {
    model: 'claude-opus-4-1-20250805',
    vendors: ANTHROPIC,
    aliases: ['claude-opus-4-1'],
    input: '15.00',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    output: '75.00',
  },
  {
    model: 'claude-opus-4-5-20251101',
    vendors: ANTHROPIC,
    aliases: ['claude-opus-4-5'],
    input: '5.00',
    cachedInput: '0.50',
    cacheWrite: '6.25',
    output: '25.00',
  },
  {
    model: 'claude-haiku-4-5-20251001',
    vendors: ANTHROPIC,
    aliases: ['claude-haiku-4-5'],
    input: '1.00',
    cachedInput: '0.10',
    cacheWrite: '1.25',
    output: '5.00',
  },
];
