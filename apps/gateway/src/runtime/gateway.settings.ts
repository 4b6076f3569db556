import type { UpstreamTimeouts } from '@kt/providers';

/** Gateway-wide knobs from the environment (validated once at boot, see `gatewayConfig`). */
export interface GatewaySettings {
  readonly instanceId: string;
  readonly kafkaBrokers: string;
  readonly timeouts: UpstreamTimeouts;
  /**
   * The environment as it was at boot, for what the pack names at run time and so cannot be
   * validated up front: provider keys (`secret_key_ref`), `KT_API_KEYS`, vendor base URLs.
   */
  readonly secrets: Readonly<Record<string, string | undefined>>;
}

export const GATEWAY_SETTINGS = Symbol('kt.gateway.settings');
