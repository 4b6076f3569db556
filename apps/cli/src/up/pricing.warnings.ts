// What `kt up` says about prices once the suite runs: which catalog the gateway prices with, and
// every target of the pack nothing prices (their traffic is booked as tokens, never as $0).
import { resolve } from 'node:path';
import { loadPackFile } from '@kt/pack';
import { PricesFileError, unpricedPackTargets, useCatalogFromEnv, type CatalogRef } from '@kt/pricing';

export async function pricingLines(packFile: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  let catalog: CatalogRef;
  try {
    catalog = useCatalogFromEnv(env);
  } catch (error) {
    if (error instanceof PricesFileError) return [`warning: ${error.message}`];
    throw error;
  }
  const lines = [`  ${'prices'.padEnd(14)} ${catalog.name} ${catalog.version}`];
  // Secrets do not matter here; an invalid pack was already reported by the gateway's own start.
  const result = await loadPackFile(resolve(packFile), { env });
  if (!result.ok) return lines;
  return [...lines, ...unpricedPackTargets(result.pack).map((target) => `warning: ${target.text}`)];
}
