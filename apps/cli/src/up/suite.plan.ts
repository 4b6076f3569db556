/** What `kt up` runs, in start order; pure data so the test and the docs can read it too. */
export interface ServicePlan {
  readonly name: 'ledger' | 'prober' | 'reporting' | 'gateway';
  readonly entry: string;
  readonly portEnv: string;
  readonly defaultPort: number;
}

export const SERVICES: readonly ServicePlan[] = [
  { name: 'ledger', entry: 'apps/ledger/src/main.ts', portEnv: 'LEDGER_PORT', defaultPort: 41004 },
  { name: 'prober', entry: 'apps/prober/src/main.ts', portEnv: 'PROBER_PORT', defaultPort: 41005 },
  { name: 'reporting', entry: 'apps/reporting/src/main.ts', portEnv: 'REPORTING_PORT', defaultPort: 41003 },
  { name: 'gateway', entry: 'apps/gateway/src/main.ts', portEnv: 'GATEWAY_PORT', defaultPort: 41002 },
];

export interface VendorPlan {
  readonly vendor: 'openai' | 'azure' | 'anthropic';
  readonly keyEnv: string;
  readonly urlEnv: string;
  /** The URL the vendor SDKs expect in `urlEnv`, built from the simulator's origin. */
  readonly urlFor: (origin: string) => string;
}

export const VENDORS: readonly VendorPlan[] = [
  { vendor: 'openai', keyEnv: 'OPENAI_API_KEY', urlEnv: 'OPENAI_BASE_URL', urlFor: (o) => `${o}/v1` },
  { vendor: 'azure', keyEnv: 'AZURE_OPENAI_API_KEY', urlEnv: 'AZURE_OPENAI_ENDPOINT', urlFor: (o) => o },
  { vendor: 'anthropic', keyEnv: 'ANTHROPIC_API_KEY', urlEnv: 'ANTHROPIC_BASE_URL', urlFor: (o) => o },
];

export const DEFAULT_API_KEYS = 'kt-demo-key:demo';

/** Reporting's tokens under `kt up`: the printed demo key `kt-demo-key` is also the admin token. */
export const DEFAULT_REPORTING_TOKENS = 'finance:finance:kt-finance-demo,admin:ops:kt-demo-key';

/**
 * What one service gets on top of the suite's environment. Reporting connects as the read-only
 * login `kt up` creates once the ledger has migrated (`KT_REPORTING_DATABASE_URL`), never as the owner.
 */
export function serviceEnv(plan: ServicePlan, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (plan.name !== 'reporting') return {};
  return {
    DATABASE_URL: env.KT_REPORTING_DATABASE_URL ?? env.DATABASE_URL,
    REPORTING_TOKENS: env.REPORTING_TOKENS ?? DEFAULT_REPORTING_TOKENS,
  };
}

/** Vendors whose real key is not in the environment get a simulator. */
export function vendorsToSimulate(env: NodeJS.ProcessEnv): readonly VendorPlan[] {
  return VENDORS.filter((v) => !env[v.keyEnv]);
}

export function servicePort(plan: ServicePlan, env: NodeJS.ProcessEnv): number {
  const raw = env[plan.portEnv];
  return raw ? Number(raw) : plan.defaultPort;
}
