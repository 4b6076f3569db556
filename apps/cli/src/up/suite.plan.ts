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

/** The demo credentials `kt up` prints; `kt-demo-key` (an application's gateway key) is none of them. */
export const DEMO_ADMIN_TOKEN = 'kt-admin-demo';
export const DEMO_FINANCE_TOKEN = 'kt-finance-demo';

/** Reporting's tokens under `kt up`. */
export const DEFAULT_REPORTING_TOKENS = `finance:finance:${DEMO_FINANCE_TOKEN},admin:ops:${DEMO_ADMIN_TOKEN}`;

/** The ledger's tokens under `kt up`: the demo admin and finance tokens, and the gateway's own. */
export function defaultLedgerTokens(gatewayToken: string): string {
  return `admin:ops:${DEMO_ADMIN_TOKEN},finance:finance:${DEMO_FINANCE_TOKEN},gateway:gateway:${gatewayToken}`;
}

/** Where one data dir keeps what the services need from it. */
export interface SuiteFiles {
  readonly gatewaySpool: string;
  readonly proberSpool: string;
  readonly gatewayToken: string;
  readonly signingKeyFile: string;
  readonly verifyKeyFile: string;
}

/**
 * What one service gets on top of the suite's environment; a value the operator set wins. Every
 * spool lives in the data dir. Reporting connects as the read-only login `kt up` creates once the
 * ledger has migrated (`KT_REPORTING_DATABASE_URL`), never as the owner.
 */
export function serviceEnv(plan: ServicePlan, env: NodeJS.ProcessEnv, files: SuiteFiles): NodeJS.ProcessEnv {
  switch (plan.name) {
    case 'ledger':
      return {
        LEDGER_HOST: env.LEDGER_HOST ?? LOOPBACK,
        LEDGER_TOKENS: env.LEDGER_TOKENS ?? defaultLedgerTokens(files.gatewayToken),
      };
    case 'gateway':
      return {
        KT_SPOOL_DIR: files.gatewaySpool,
        KT_LEDGER_SERVICE_TOKEN: env.KT_LEDGER_SERVICE_TOKEN ?? files.gatewayToken,
        KT_PACK_VERIFY_KEY_FILE: env.KT_PACK_VERIFY_KEY_FILE ?? files.verifyKeyFile,
      };
    case 'prober':
      return {
        PROBER_SPOOL_DIR: files.proberSpool,
        KT_SPOOL_DIR: files.proberSpool,
        // The prober follows kt.pack-events.v1 like the gateways, so it verifies the same signatures.
        KT_PACK_VERIFY_KEY_FILE: env.KT_PACK_VERIFY_KEY_FILE ?? files.verifyKeyFile,
      };
    case 'reporting':
      return {
        DATABASE_URL: env.KT_REPORTING_DATABASE_URL ?? env.DATABASE_URL,
        REPORTING_TOKENS: env.REPORTING_TOKENS ?? DEFAULT_REPORTING_TOKENS,
        KT_PACK_SIGNING_KEY_FILE: env.KT_PACK_SIGNING_KEY_FILE ?? files.signingKeyFile,
      };
  }
}

/** Every listener of the local suite binds here: nothing of it is reachable from another machine. */
export const LOOPBACK = '127.0.0.1';

/** Vendors whose real key is not in the environment get a simulator. */
export function vendorsToSimulate(env: NodeJS.ProcessEnv): readonly VendorPlan[] {
  return VENDORS.filter((v) => !env[v.keyEnv]);
}

export function servicePort(plan: ServicePlan, env: NodeJS.ProcessEnv): number {
  const raw = env[plan.portEnv];
  return raw ? Number(raw) : plan.defaultPort;
}
