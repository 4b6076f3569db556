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
