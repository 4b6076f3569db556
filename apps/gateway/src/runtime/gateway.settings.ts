import type { UpstreamTimeouts } from '@kt/providers';

/** Gateway-wide knobs from the environment (validated once in GatewayEnv). */
export interface GatewaySettings {
  readonly instanceId: string;
  readonly kafkaBrokers: string;
  readonly timeouts: UpstreamTimeouts;
}

export const GATEWAY_SETTINGS = Symbol('kt.gateway.settings');
