import type { FaultSpecInput } from './faults/fault.model.js';
import type { Vendor } from './vendor.model.js';

export type SimPort = Vendor | 'admin';

/** How to start the simulators; every field is optional. */
export interface SimulatorOptions {
  /** Interface the vendor servers bind (default 127.0.0.1). */
  readonly host?: string;
  /**
   * Interface the admin API binds (default 127.0.0.1, even when `host` is 0.0.0.0): it switches
   * outages and faults, so only the machine running the suite may reach it unless asked otherwise.
   */
  readonly adminHost?: string;
  /** Ports per server (defaults 41010, 41011, 41012 and admin 41019); 0 picks a free port. */
  readonly ports?: Partial<Record<SimPort, number>>;
  /** Accepted API keys per vendor (default: exactly `sim-<vendor>-key`); the first is reported back. */
  readonly keys?: Partial<Record<Vendor, string | readonly string[]>>;
  /** Faults at start-up, and what `reset()` returns to. */
  readonly faults?: Partial<Record<Vendor, FaultSpecInput>>;
  /** Text reply length in tokens (default 20). */
  readonly replyTokens?: number;
  /** Embedding size when a request gives no `dimensions` (default 64). */
  readonly embeddingDimensions?: number;
  /** Azure deployment → model name; when absent every deployment exists and is named after itself. */
  readonly azureDeployments?: Readonly<Record<string, string>>;
  /** Source of randomness for error rates and latency distributions (default Math.random). */
  readonly random?: () => number;
}

export const DEFAULT_HOST = '127.0.0.1';

export const DEFAULT_PORTS: Readonly<Record<SimPort, number>> = {
  openai: 41010,
  azure: 41011,
  anthropic: 41012,
  admin: 41019,
};

export const DEFAULT_KEYS: Readonly<Record<Vendor, string>> = {
  openai: 'sim-openai-key',
  azure: 'sim-azure-key',
  anthropic: 'sim-anthropic-key',
};
