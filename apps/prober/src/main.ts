import { Logger } from '@nestjs/common';
import { startCatalog } from '@kt/pricing';
import { bootstrapService, loadEnv } from '@kt/service';
import { ProberEnv } from './prober.env.js';
import { ProberModule } from './prober.module.js';

const env = loadEnv(ProberEnv);
// Prices come from the package's bundled data, or KT_PRICES_FILE when set (refused if invalid).
const catalog = startCatalog('prober', process.env);
new Logger('pricing').log(`pricing with ${catalog.name} ${catalog.version}`);
await bootstrapService(ProberModule.forRoot(env), { name: 'prober', port: env.PROBER_PORT });
