/** Prober-wide knobs from the environment (validated once in ProberEnv). */
export interface ProberSettings {
  readonly instanceId: string;
  readonly kafkaBrokers: string;
  readonly spoolDir: string;
  readonly packPath: string;
  /** Consumer group whose partition assignment decides which instance probes which target. */
  readonly groupId: string;
}

export const PROBER_SETTINGS = Symbol('kt.prober.settings');

/**
 * The environment captured at boot, where target secrets are read at probe time and the bus finds
 * its SASL/TLS settings. Here, below every other prober file, so anything may inject it without a
 * cycle (the publisher importing it from the scheduler was one: the prober did not start).
 */
export const PROBER_SECRETS = Symbol('kt.prober.secrets');
export type ProberSecrets = Readonly<Record<string, string | undefined>>;
