import { startCatalog } from '@kt/pricing';
import { bootstrapService, loadEnv } from '@kt/service';
import { serviceLogger } from '@kt/telemetry';
import { GatewayEnv } from './gateway.env.js';
import { GatewayModule } from './gateway.module.js';

// The one place the gateway reads its environment: validated settings, plus the raw variables the
// pack names (provider keys, base URLs) and the logger scrubs.
const raw = process.env;
const env = loadEnv(GatewayEnv, raw);
// Prices come from the package's bundled data, or KT_PRICES_FILE when set (refused if invalid).
const catalog = startCatalog('gateway', raw);
await bootstrapService(GatewayModule.forRoot(env, raw), {
  name: 'gateway',
  port: env.GATEWAY_PORT,
  bodyLimit: env.GATEWAY_BODY_LIMIT_BYTES,
  // Streams of model output can run long; the pod gets 60 s (k8s/base/gateway.yaml) and the route
  // events still have to reach Kafka or the spool after the connections close.
  shutdownGraceMs: 45_000,
  env: raw,
});
// Said once the service's JSON logger is in place: stdout carries JSON lines only.
serviceLogger().info({ catalog }, `pricing with ${catalog.name} ${catalog.version}`);
