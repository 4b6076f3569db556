import { Gauge, type Registry } from 'prom-client';
import { liveCatalog } from './catalog.source.js';

export const CATALOG_INFO_METRIC = 'kt_price_catalog_info';

/**
 * `kt_price_catalog_info{name,version} 1` on `/metrics`, read when scraped: which price catalog
 * (package version, or a KT_PRICES_FILE's digest) a gateway or prober is pricing with right now.
 */
export function registerCatalogInfo(registry: Registry): Gauge<'name' | 'version'> {
  return new Gauge({
    name: CATALOG_INFO_METRIC,
    help: 'The price catalog in force (value 1): its name and version; a prices file shows file:<sha256 prefix>.',
    labelNames: ['name', 'version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const { name, version } = liveCatalog();
      this.set({ name, version }, 1);
    },
  });
}
