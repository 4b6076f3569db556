import { Logger } from '@nestjs/common';
import { startCatalog } from '@kt/pricing';
import { bootstrapService, loadEnv } from '@kt/service';
import { GatewayEnv } from './gateway.env.js';
import { GatewayModule } from './gateway.module.js';

const env = loadEnv(GatewayEnv);
// Prices come from the package's bundled data, or KT_PRICES_FILE when set (refused if invalid).
const catalog = startCatalog('gateway', process.env);
new Logger('pricing').log(`pricing with ${catalog.name} ${catalog.version}`);
await bootstrapService(GatewayModule.forRoot(env), {
  name: 'gateway',
  port: env.GATEWAY_PORT,
  bodyLimit: env.GATEWAY_BODY_LIMIT_BYTES,
});
