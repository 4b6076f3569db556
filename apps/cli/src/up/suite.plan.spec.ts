import { describe, expect, it } from 'vitest';
import { SERVICES, servicePort, vendorsToSimulate } from './suite.plan.js';

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
