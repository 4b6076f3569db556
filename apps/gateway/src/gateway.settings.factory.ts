import { hostname } from 'node:os';
import { topicConfigsFromEnv, type TopicConfig } from '@kt/contracts';
import type { LeaseSettings } from './budgets/lease.settings.js';
import type { GatewayEnv } from './gateway.env.js';
import type { GatewaySettings } from './runtime/gateway.settings.js';

/** Everything the gateway's modules are configured with, from the environment validated at boot. */
export interface GatewayConfig {
  readonly settings: GatewaySettings;
  readonly lease: LeaseSettings;
  readonly packPath: string;
  readonly spoolDir: string;
  readonly topics: readonly TopicConfig[];
}

/**
 * The one place the gateway turns its environment into settings. `raw` is read only for what the
 * pack names at run time (provider secrets, vendor base URLs) and the topic defaults; the rest
 * comes validated from `env`.
 */
export function gatewayConfig(env: GatewayEnv, raw: NodeJS.ProcessEnv): GatewayConfig {
  const instanceId = env.KT_INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  return {
    settings: {
      instanceId,
      kafkaBrokers: env.KAFKA_BROKERS,
      timeouts: {
        connectMs: env.KT_UPSTREAM_CONNECT_TIMEOUT_MS,
        totalMs: env.KT_UPSTREAM_TIMEOUT_MS,
        firstTokenMs: env.KT_UPSTREAM_FIRST_TOKEN_TIMEOUT_MS,
      },
      secrets: { ...raw },
    },
    lease: {
      ledgerUrl: env.KT_LEDGER_URL,
      // Validated with KT_LEDGER_URL: set whenever the URL is.
      serviceToken: env.KT_LEDGER_SERVICE_TOKEN ?? '',
      failMode: env.KT_BUDGET_FAIL_MODE,
      requestsPerLease: env.KT_BUDGET_LEASE_REQUESTS,
      defaultMaxTokens: env.KT_BUDGET_DEFAULT_MAX_TOKENS,
      reservationTtlMs: env.KT_BUDGET_RESERVATION_TTL_MS,
      refusalRetryMs: env.KT_BUDGET_LEASE_RETRY_MS,
      timeoutMs: env.KT_BUDGET_LEASE_TIMEOUT_MS,
    },
    packPath: env.KT_PACK,
    spoolDir: env.KT_SPOOL_DIR,
    topics: topicConfigsFromEnv(raw),
  };
}
