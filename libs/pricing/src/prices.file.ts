import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { catalogPriceIn } from './catalog.lookup.js';
import {
  catalogDataOf,
  liveCatalog,
  useCatalogData,
  type CatalogData,
  type CatalogRef,
} from './catalog.source.js';
import { checkProviders } from './prices.file.check.js';

export const PRICES_FILE_ENV = 'KT_PRICES_FILE';
/** The genai-prices data.json is about 0.5 MiB; 16 MiB leaves room to grow and bounds the parse. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The v2 shape nests about 10 deep plus 2 per level of match rules (at most 16 of them). */
const MAX_JSON_DEPTH = 64;
const MAX_MESSAGE = 300;

/** Why a prices file was refused; the message names the variable and the problem, never the content. */
export class PricesFileError extends Error {
  override readonly name = 'PricesFileError';

  constructor(message: string) {
    // Paths are bounded by the checks; the cap keeps any message a one-liner whatever the input.
    super(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message);
  }
}

const fail = (path: string, problem: string): never => {
  throw new PricesFileError(`${PRICES_FILE_ENV}: ${path}: ${problem}`);
};

/**
 * Prices from the genai-prices `data.json` (the v2 provider array) named by `KT_PRICES_FILE`, when
 * set, so an operator refreshes prices without a kt release; else the package's bundled data.
 * Returns the live catalog: `{ name: <file basename>, version: 'file:<sha256, 12 hex>' }` for a file.
 * Throws a PricesFileError for an unreadable or invalid file: the process must not start on it.
 */
export function useCatalogFromEnv(env: NodeJS.ProcessEnv): CatalogRef {
  const file = env[PRICES_FILE_ENV];
  if (file === undefined || file.trim() === '') return liveCatalog();
  const bytes = readBounded(file);
  const text = bytes.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new PricesFileError(
      `${PRICES_FILE_ENV}: the prices file nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PricesFileError(`${PRICES_FILE_ENV}: the prices file is not valid JSON`);
  }
  const providers = checkProviders(parsed, fail);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const data = catalogDataOf(providers, { name: basename(file).slice(0, 100), version: `file:${digest}` });
  tryEveryModel(data, providers);
  useCatalogData(data);
  return data.ref;
}

/** The file's bytes, its size checked before anything is read. */
function readBounded(file: string): Buffer {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return tooLarge();
    const bytes = readFileSync(file);
    return bytes.length > MAX_FILE_BYTES ? tooLarge() : bytes;
  } catch (error) {
    if (error instanceof PricesFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PricesFileError(
      `${PRICES_FILE_ENV}: cannot read the prices file (${String(code).slice(0, 40)})`,
    );
  }
}

function tooLarge(): never {
  throw new PricesFileError(`${PRICES_FILE_ENV}: the prices file is larger than ${MAX_FILE_BYTES} bytes`);
}

/** The deepest nesting of arrays and objects in `text`, counted before parsing (outside strings). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}

/**
 * One lookup per model, as a request would make it, before the file goes live: whatever the checks
 * missed fails the start, naming the model, instead of the first request that reaches it.
 */
function tryEveryModel(
  data: CatalogData,
  providers: readonly { id: string; models: { id: string }[] }[],
): void {
  const now = new Date();
  providers.forEach((provider, p) =>
    provider.models.forEach((model, m) => {
      try {
        catalogPriceIn(data, provider.id, `${provider.id}/${model.id}`, now);
      } catch (error) {
        fail(`providers[${p}].models[${m}]`, `looking it up failed (${(error as Error)?.name ?? 'error'})`);
      }
    }),
  );
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
