import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findProvider, type Provider } from '@pydantic/genai-prices';

/** The price dataset that priced something: its name and the version (or digest) that was live. */
export interface CatalogRef {
  readonly name: string;
  readonly version: string;
}

/** A dataset kt prices from: the package's bundled data, or a prices file loaded at start. */
export interface CatalogData {
  readonly ref: CatalogRef;
  /** The catalog provider with exactly this id (`openai`, `azure`, `aws`, …). */
  provider(id: string): Provider | undefined;
}

export const CATALOG_PACKAGE = '@pydantic/genai-prices';

/** The installed package's own version, read from its package.json so an upgrade shows itself. */
function installedVersion(): string {
  const entry = createRequire(import.meta.url).resolve(CATALOG_PACKAGE);
  // The package's `exports` hide package.json, so find it beside the resolved entry's dist folder.
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    name?: unknown;
    version?: unknown;
  };
  if (manifest.name !== CATALOG_PACKAGE || typeof manifest.version !== 'string')
    throw new Error(`cannot read the installed ${CATALOG_PACKAGE} version`);
  return manifest.version;
}

const BUNDLED: CatalogData = Object.freeze({
  ref: Object.freeze({ name: CATALOG_PACKAGE, version: installedVersion() }),
  provider(id: string): Provider | undefined {
    const found = findProvider({ providerId: id });
    return found?.id === id ? found : undefined;
  },
});

let live: CatalogData = BUNDLED;

/** The catalog the process prices with. */
export function liveCatalog(): CatalogRef {
  return live.ref;
}

/** The dataset lookups read. */
export function liveCatalogData(): CatalogData {
  return live;
}

/** A dataset of these providers (a prices file, or a test fixture), not yet live. */
export function catalogDataOf(providers: readonly Provider[], ref: CatalogRef): CatalogData {
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  return Object.freeze({ ref: Object.freeze({ ...ref }), provider: (id: string) => byId.get(id) });
}

/** Price from this dataset from now on. */
export function useCatalogData(data: CatalogData): void {
  live = data;
}

/** Price from these providers (a prices file, or a test fixture) from now on. */
export function useCatalogProviders(providers: readonly Provider[], ref: CatalogRef): void {
  live = catalogDataOf(providers, ref);
}

/** Back to the package's bundled data. */
export function useBundledCatalog(): void {
  live = BUNDLED;
}
