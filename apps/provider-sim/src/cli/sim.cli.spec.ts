import { afterEach, describe, expect, it, vi } from 'vitest';
import { simCommand, toSimulatorOptions, type SimCliValues } from './sim.cli.js';

function parse(argv: readonly string[]): ReturnType<typeof toSimulatorOptions> {
  const command = simCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
  command.parse([...argv], { from: 'user' });
  return toSimulatorOptions(command.opts<SimCliValues>());
}

describe('provider-sim flags', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses the standard ports and no faults by default', () => {
    const options = parse([]);
    expect(options.host).toBe('127.0.0.1');
    expect(options.adminHost).toBe('127.0.0.1');
    expect(options.ports).toEqual({ openai: 41010, azure: 41011, anthropic: 41012, admin: 41019 });
    expect(options.faults).toEqual({ openai: {}, azure: {}, anthropic: {} });
    expect(options.keys).toEqual({});
  });

  it('keeps the admin API on loopback when the vendor servers bind every interface', () => {
    expect(parse(['--host', '0.0.0.0']).adminHost).toBe('127.0.0.1');
    vi.stubEnv('SIM_ADMIN_HOST', '0.0.0.0');
    expect(parse([]).adminHost).toBe('0.0.0.0');
  });

  it('applies the shared fault flags to every vendor and a vendor JSON over them', () => {
    const options = parse([
      '--latency',
      'uniform:5:10',
      '--error-rate',
      '0.2',
      '--error-status',
      '503',
      '--anthropic-faults',
      '{"errorStatus":529}',
    ]);
    expect(options.faults?.openai).toEqual({ latency: 'uniform:5:10', errorRate: 0.2, errorStatus: 503 });
    expect(options.faults?.anthropic).toEqual({ latency: 'uniform:5:10', errorRate: 0.2, errorStatus: 529 });
  });

  it('reads ports, keys, reply shape and Azure deployments', () => {
    const options = parse([
      '--openai-port',
      '0',
      '--openai-keys',
      'a, b',
      '--reply-tokens',
      '8',
      '--embedding-dimensions',
      '16',
      '--azure-deployments',
      'prod=gpt-4o,mini=gpt-4o-mini',
    ]);
    expect(options).toMatchObject({
      ports: { openai: 0 },
      keys: { openai: ['a', 'b'] },
      replyTokens: 8,
      embeddingDimensions: 16,
      azureDeployments: { prod: 'gpt-4o', mini: 'gpt-4o-mini' },
    });
  });

  it('takes environment variables when no flag is given', () => {
    vi.stubEnv('SIM_OPENAI_PORT', '45000');
    vi.stubEnv('SIM_ERROR_RATE', '1');
    vi.stubEnv('SIM_HANG', '1');
    const options = parse(['--error-rate', '0.5']);
    expect(options.ports?.openai).toBe(45000);
    expect(options.faults?.azure).toEqual({ errorRate: 0.5, hang: true });
  });

  it.each([
    ['--openai-port', '70000'],
    ['--retry-after', '1.5'],
    ['--error-rate', 'lots'],
    ['--openai-faults', '[1]'],
    ['--azure-deployments', 'prod'],
  ])('refuses %s %s', (flag, value) => {
    expect(() => parse([flag, value])).toThrow();
  });
});
