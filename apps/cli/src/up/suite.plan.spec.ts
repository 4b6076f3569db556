import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORTING_TOKENS,
  SERVICES,
  serviceEnv,
  servicePort,
  vendorsToSimulate,
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

describe('reporting under kt up', () => {
  const reporting = SERVICES.find((s) => s.name === 'reporting')!;

  it('connects as the read-only login and accepts the demo key as its admin token', () => {
    const env = serviceEnv(reporting, {
      DATABASE_URL: 'postgres://owner@db/kt',
      KT_REPORTING_DATABASE_URL: 'postgres://ro@db/kt',
    });
    expect(env.DATABASE_URL).toBe('postgres://ro@db/kt');
    expect(env.REPORTING_TOKENS).toBe(DEFAULT_REPORTING_TOKENS);
    expect(DEFAULT_REPORTING_TOKENS).toContain('admin:ops:kt-demo-key');
  });

  it('keeps operator-given tokens and leaves the other services alone', () => {
    expect(serviceEnv(reporting, { REPORTING_TOKENS: 'admin:me:x' }).REPORTING_TOKENS).toBe('admin:me:x');
    expect(
      serviceEnv(
        SERVICES.find((s) => s.name === 'ledger')!,
        { DATABASE_URL: 'x' },
      ),
    ).toEqual({});
  });
});
