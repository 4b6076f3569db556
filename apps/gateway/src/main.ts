import { bootstrapService, loadEnv } from '@kt/service';
import { GatewayEnv } from './gateway.env.js';
import { GatewayModule } from './gateway.module.js';

const env = loadEnv(GatewayEnv);
await bootstrapService(GatewayModule.forRoot(env), {
  name: 'gateway',
  port: env.GATEWAY_PORT,
  bodyLimit: env.GATEWAY_BODY_LIMIT_BYTES,
});
