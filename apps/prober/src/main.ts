import { startCatalog } from '@kt/pricing';
import { bootstrapService, loadEnv } from '@kt/service';
import { serviceLogger } from '@kt/telemetry';
import { ProberEnv } from './prober.env.js';
import { ProberModule } from './prober.module.js';

const env = loadEnv(ProberEnv);
// Prices come from the package's bundled data, or KT_PRICES_FILE when set (refused if invalid).
const catalog = startCatalog('prober', process.env);
await bootstrapService(ProberModule.forRoot(env), { name: 'prober', port: env.PROBER_PORT });
// Said once the service's JSON logger is in place: stdout carries JSON lines only.
serviceLogger().info({ catalog }, `pricing with ${catalog.name} ${catalog.version}`);
