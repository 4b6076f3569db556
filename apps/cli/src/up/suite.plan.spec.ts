import { describe, expect, it } from 'vitest';
import {
  SERVICES,
  serviceEnv,
  servicePort,
  vendorsToSimulate,
  type ServicePlan,
  type SuiteFiles,
} from './suite.plan.js';

describe('kt up plan', () => {
  it.each([
    [{}, ['openai', 'azure', 'anthropic']],
    [{ OPENAI_API_KEY: 'x' }, ['azure', 'anthropic']],
    [{ OPENAI_API_KEY: 'x', AZURE_OPENAI_API_KEY: 'y', ANTHROPIC_API_KEY: 'z' }, []],
  ])('simulates only the vendors without a real key (%j)', (env, expected) => {
    expect(vendorsToSimulate(env).map((v) => v.vendor)).toEqual(expected);
  });

  it('uses the documented default ports unless overridden', () => {
    const gateway = SERVICES.find((s) => s.name === 'gateway')!;
    expect(servicePort(gateway, {})).toBe(41002);
    expect(servicePort(gateway, { GATEWAY_PORT: '5000' })).toBe(5000);
  });
});

const files: SuiteFiles = {
  gatewaySpool: '/data/spool/gateway',
  proberSpool: '/data/spool/prober',
  gatewayToken: 'kt-gw-random',
  signingKeyFile: '/data/keys/pack-signing.pem',
  verifyKeyFile: '/data/keys/pack-verify.pem',
};
const plan = (name: string): ServicePlan => SERVICES.find((s) => s.name === name)!;

describe('credentials per role under kt up', () => {
  it('never makes the demo gateway key an admin or finance token', () => {
    const ledger = serviceEnv(plan('ledger'), {}, files).LEDGER_TOKENS!;
    const reporting = serviceEnv(plan('reporting'), {}, files).REPORTING_TOKENS!;
    for (const tokens of [ledger, reporting]) expect(tokens).not.toContain('kt-demo-key');
    expect(reporting).toBe('finance:finance:kt-finance-demo,admin:ops:kt-admin-demo');
    expect(ledger).toBe(
      'admin:ops:kt-admin-demo,finance:finance:kt-finance-demo,gateway:gateway:kt-gw-random',
    );
  });

  it('gives the gateway its own ledger token and the verify key, reporting the signing key', () => {
    const gateway = serviceEnv(plan('gateway'), {}, files);
    expect(gateway.KT_LEDGER_SERVICE_TOKEN).toBe('kt-gw-random');
    expect(gateway.KT_PACK_VERIFY_KEY_FILE).toBe(files.verifyKeyFile);
    expect(serviceEnv(plan('reporting'), {}, files).KT_PACK_SIGNING_KEY_FILE).toBe(files.signingKeyFile);
  });

  it('keeps every spool in the data dir and the ledger on loopback', () => {
    expect(serviceEnv(plan('gateway'), { KT_SPOOL_DIR: '.kt/spool/gateway' }, files).KT_SPOOL_DIR).toBe(
      files.gatewaySpool,
    );
    expect(serviceEnv(plan('prober'), {}, files).PROBER_SPOOL_DIR).toBe(files.proberSpool);
    expect(serviceEnv(plan('prober'), {}, files).KT_PACK_VERIFY_KEY_FILE).toBe(files.verifyKeyFile);
    expect(serviceEnv(plan('ledger'), {}, files).LEDGER_HOST).toBe('127.0.0.1');
  });

  it('connects reporting as the read-only login', () => {
    const env = serviceEnv(
      plan('reporting'),
      { DATABASE_URL: 'postgres://owner@db/kt', KT_REPORTING_DATABASE_URL: 'postgres://ro@db/kt' },
      files,
    );
    expect(env.DATABASE_URL).toBe('postgres://ro@db/kt');
  });

  it('keeps tokens the operator set', () => {
    expect(serviceEnv(plan('reporting'), { REPORTING_TOKENS: 'admin:me:x' }, files).REPORTING_TOKENS).toBe(
      'admin:me:x',
    );
    expect(serviceEnv(plan('ledger'), { LEDGER_TOKENS: 'admin:me:y' }, files).LEDGER_TOKENS).toBe(
      'admin:me:y',
    );
  });
});
