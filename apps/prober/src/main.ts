import { startCatalog } from '@kt/pricing';
import { bootstrapService, loadEnv } from '@kt/service';
import { serviceLogger } from '@kt/telemetry';
import { ProberEnv } from './prober.env.js';
import { ProberModule } from './prober.module.js';

// The environment is read here, once: validated settings, plus the raw variables the pack names.
const secrets = process.env;
const env = loadEnv(ProberEnv, secrets);
// Prices come from the package's bundled data, or KT_PRICES_FILE when set (refused if invalid).
const catalog = startCatalog('prober', secrets);
await bootstrapService(ProberModule.forRoot(env, secrets), {
  name: 'prober',
  port: env.PROBER_PORT,
  env: secrets,
});
// Said once the service's JSON logger is in place: stdout carries JSON lines only.
serviceLogger().info({ catalog }, `pricing with ${catalog.name} ${catalog.version}`);
