import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ModelPrice as CatalogModelPrice, Provider } from '@pydantic/genai-prices';
import { toModelPrice } from './catalog.rates.js';
import { liveCatalog, useCatalogProviders, type CatalogRef } from './catalog.source.js';
import { secondsOfDay } from './dated.price.js';

export const PRICES_FILE_ENV = 'KT_PRICES_FILE';
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a prices file was refused; the message names the variable and the problem, never the content. */
export class PricesFileError extends Error {
  override readonly name = 'PricesFileError';
}

/**
 * Prices from the genai-prices `data.json` (the v2 provider array) named by `KT_PRICES_FILE`, when
 * set, so an operator refreshes prices without a kt release; else the package's bundled data.
 * Returns the live catalog: `{ name: <file basename>, version: 'file:<sha256, 12 hex>' }` for a file.
 * Throws a PricesFileError for an unreadable or invalid file: the process must not start on it.
 */
export function useCatalogFromEnv(env: NodeJS.ProcessEnv): CatalogRef {
  const file = env[PRICES_FILE_ENV];
  if (file === undefined || file.trim() === '') return liveCatalog();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PricesFileError(`${PRICES_FILE_ENV}: cannot read the prices file (${code})`);
  }
  if (bytes.length > MAX_FILE_BYTES)
    throw new PricesFileError(`${PRICES_FILE_ENV}: the prices file is larger than ${MAX_FILE_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PricesFileError(`${PRICES_FILE_ENV}: the prices file is not valid JSON`);
  }
  const providers = checkProviders(data);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const ref = { name: basename(file).slice(0, 100), version: `file:${digest}` };
  useCatalogProviders(providers, ref);
  return ref;
}

/** The v2 shape the genai-prices `setProviderData` takes, checked down to every rate kt reads. */
function checkProviders(data: unknown): Provider[] {
  const fail = (path: string, problem: string): never => {
    throw new PricesFileError(`${PRICES_FILE_ENV}: ${path}: ${problem}`);
  };
  if (!Array.isArray(data) || data.length === 0) fail('(root)', 'expected a non-empty array of providers');
  (data as unknown[]).forEach((provider, p) => {
    const at = `providers[${p}]`;
    if (!isObject(provider)) return fail(at, 'expected an object');
    if (typeof provider['id'] !== 'string' || provider['id'] === '') fail(`${at}.id`, 'expected a string');
    if (typeof provider['name'] !== 'string') fail(`${at}.name`, 'expected a string');
    if (!Array.isArray(provider['models'])) return fail(`${at}.models`, 'expected an array');
    (provider['models'] as unknown[]).forEach((model, m) => checkModel(model, `${at}.models[${m}]`, fail));
  });
  return data as Provider[];
}

function checkModel(model: unknown, at: string, fail: (path: string, problem: string) => never): void {
  if (!isObject(model)) return fail(at, 'expected an object');
  if (typeof model['id'] !== 'string') fail(`${at}.id`, 'expected a string');
  if (!isObject(model['match'])) fail(`${at}.match`, 'expected a match rule object');
  const prices = model['prices'];
  const entries = Array.isArray(prices) ? prices : [{ prices }];
  if (entries.length === 0) fail(`${at}.prices`, 'expected a price or a non-empty list of dated prices');
  entries.forEach((entry: unknown, i) => {
    const path = Array.isArray(prices) ? `${at}.prices[${i}]` : `${at}.prices`;
    const values =
      Array.isArray(prices) && isObject(entry) ? entry['prices'] : (entry as { prices: unknown }).prices;
    if (!isObject(values)) return fail(path, 'expected an object of rates');
    if (Array.isArray(prices) && isObject(entry))
      checkConstraint(entry['constraint'], `${path}.constraint`, fail);
    try {
      toModelPrice(values as CatalogModelPrice);
    } catch (error) {
      fail(path, (error as Error).message);
    }
  });
}

function checkConstraint(
  constraint: unknown,
  at: string,
  fail: (path: string, problem: string) => never,
): void {
  if (constraint === undefined) return;
  if (!isObject(constraint)) return fail(at, 'expected an object');
  if (typeof constraint['start_date'] === 'string') {
    if (
      !DATE.test(constraint['start_date']) ||
      Number.isNaN(Date.parse(`${constraint['start_date']}T00:00:00Z`))
    )
      fail(`${at}.start_date`, 'expected a date YYYY-MM-DD');
    return;
  }
  const start = constraint['start_time'];
  const end = constraint['end_time'];
  if (
    typeof start === 'string' &&
    typeof end === 'string' &&
    secondsOfDay(start) !== undefined &&
    secondsOfDay(end) !== undefined
  )
    return;
  fail(at, 'expected {start_date} or {start_time, end_time}');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * For a service's main: the catalog from the environment, or — for a bad KT_PRICES_FILE — a
 * one-line refusal on stderr and exit code 1, so a service never starts pricing from a broken file.
 */
export function startCatalog(service: string, env: NodeJS.ProcessEnv): CatalogRef {
  try {
    return useCatalogFromEnv(env);
  } catch (error) {
    if (!(error instanceof PricesFileError)) throw error;
    process.stderr.write(`${service}: refusing to start: ${error.message}\n`);
    process.exit(1);
  }
}
