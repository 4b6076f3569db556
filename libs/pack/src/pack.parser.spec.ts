import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findGroup, findTarget, groupTargets } from './pack.lookup.js';
import type { Pack, PackResult } from './index.js';
import { parsePack } from './pack.parser.js';

const seedText = readFileSync(new URL('../../../packs/multi-provider-core.yaml', import.meta.url), 'utf8');
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

const allSecrets = {
  OPENAI_API_KEY: 'sk-openai-secret',
  AZURE_OPENAI_API_KEY: 'az-secret',
  ANTHROPIC_API_KEY: 'sk-ant-secret',
};

function loaded(result: PackResult): Pack {
  if (!result.ok)
    throw new Error(
      `expected a valid pack, got:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  return result.pack;
}

describe('parsePack with the seed pack', () => {
  const result = parsePack(seedText, { env: allSecrets });
  const pack = loaded(result);

  it('loads the seed unchanged with no warnings when every secret is set', () => {
    expect(result.warnings).toEqual([]);
    expect(pack).toMatchObject({ name: 'multi-provider-core', version: '1.0.0', enabled: true });
    expect(pack.targets.map((t) => t.id)).toEqual([
      'openai-main',
      'azure-secondary',
      'anthropic-last-resort',
    ]);
    expect(pack.groups.map((g) => g.name)).toEqual(['production-llm', 'backup-llm']);
  });

  it('resolves the alias gpt-5.4-mini to the production-llm group', () => {
    const group = findGroup(pack, 'gpt-5.4-mini');
    expect(group?.name).toBe('production-llm');
    expect(group?.fallbackGroup).toBe('backup-llm');
    expect(groupTargets(pack, group!).map((t) => [t.id, t.vendor, t.model, t.weight])).toEqual([
      ['openai-main', 'openai', 'gpt-5.4-mini', 7],
      ['azure-secondary', 'azure', 'gpt-5.4-mini-mini', 3],
    ]);
    expect(findGroup(pack, 'production-llm')).toBe(group);
    expect(findGroup(pack, 'gpt-unknown')).toBeUndefined();
  });

  it('applies the documented defaults to everything the seed leaves out', () => {
    expect(pack.routing).toEqual({ strategy: 'weighted_round_robin', minSampleCount: 5, windowSeconds: 60 });
    expect(pack.fallback).toEqual({
      enabled: true,
      triggers: ['rate_limit_exceeded', 'timeout', 'service_unavailable', 'server_error', 'connection_error'],
      maxFallbackAttempts: 3,
      retry: { maxRetries: 1, baseDelayMs: 100, maxDelayMs: 2000 },
    });
    expect(pack.circuitBreaker).toEqual({
      enabled: true,
      failureThreshold: 5,
      cooldownSeconds: 30,
      halfOpenMaxRequests: 1,
    });
    expect(findTarget(pack, 'anthropic-last-resort')).toMatchObject({
      weight: 1,
      available: true,
      secretEnv: 'ANTHROPIC_API_KEY',
      healthCheck: { intervalSeconds: 15, timeoutMs: 2000, kind: 'models' },
      dataPolicy: { zeroDataRetention: false, trainingOptOut: false },
    });
    expect(pack.authKeys).toEqual([]);
  });

  it('records the sha256 of the source text and freezes the model', () => {
    expect(pack.sha256).toBe(createHash('sha256').update(seedText).digest('hex'));
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.targets)).toBe(true);
    expect(Object.isFrozen(pack.targets[0])).toBe(true);
    expect(Object.isFrozen(pack.groups[0]?.targets)).toBe(true);
  });
});

describe('parsePack with missing secrets', () => {
  it('marks a target whose secret variable is unset as unavailable and warns without the value', () => {
    const result = parsePack(seedText, {
      env: { OPENAI_API_KEY: 'sk-openai-secret', AZURE_OPENAI_API_KEY: '' },
    });
    const pack = loaded(result);
    expect(findTarget(pack, 'openai-main')).toMatchObject({ available: true });
    expect(findTarget(pack, 'azure-secondary')).toMatchObject({
      available: false,
      unavailableReason: 'missing secret AZURE_OPENAI_API_KEY',
    });
    expect(findTarget(pack, 'anthropic-last-resort')).toMatchObject({
      available: false,
      unavailableReason: 'missing secret ANTHROPIC_API_KEY',
    });
    expect(result.warnings).toEqual([
      {
        path: 'providers.targets[1].secret_key_ref.env',
        message:
          'environment variable AZURE_OPENAI_API_KEY is not set; target "azure-secondary" is unavailable',
      },
      {
        path: 'providers.targets[2].secret_key_ref.env',
        message:
          'environment variable ANTHROPIC_API_KEY is not set; target "anthropic-last-resort" is unavailable',
      },
    ]);
    expect(JSON.stringify(result.warnings)).not.toContain('sk-openai-secret');
  });

  it('treats a target without secret_key_ref as available', () => {
    const text = seedText.replace(/\n {6}secret_key_ref:\n {8}env: ANTHROPIC_API_KEY/, '');
    const pack = loaded(parsePack(text, { env: {} }));
    expect(findTarget(pack, 'anthropic-last-resort')).toMatchObject({ available: true });
    expect(findTarget(pack, 'anthropic-last-resort')?.secretEnv).toBeUndefined();
  });
});

describe('parsePack with the top-level alias spellings', () => {
  const result = parsePack(fixture('aliases.yaml'), { env: {} });
  const pack = loaded(result);

  it('reads provider_routing, provider_fallback and top-level model_groups', () => {
    expect(pack.routing).toEqual({ strategy: 'lowest_latency', minSampleCount: 10, windowSeconds: 60 });
    expect(pack.fallback).toMatchObject({
      enabled: true,
      triggers: ['timeout', 'server_error'],
      maxFallbackAttempts: 2,
    });
    expect(findGroup(pack, 'gpt-4o-mini')?.targets).toEqual(['openai-main', 'local-llama']);
    expect(findGroup(pack, 'chat')?.routing.strategy).toBe('lowest_latency');
  });

  it('accepts recovery_timeout as the circuit breaker cooldown', () => {
    expect(pack.circuitBreaker.cooldownSeconds).toBe(45);
  });

  it('converts USD prices to exact micro-USD and keeps colons inside model names', () => {
    expect(findTarget(pack, 'openai-main')?.pricing).toEqual({
      inputMicroUsdPerMillion: 150_000n,
      outputMicroUsdPerMillion: 600_000n,
    });
    expect(findTarget(pack, 'local-llama')).toMatchObject({
      vendor: 'openai-compatible',
      model: 'llama3:8b',
      weight: 0,
      baseUrl: 'http://localhost:11434/v1',
    });
  });

  it('reports issues under an alias at the path the user wrote', () => {
    const broken = fixture('aliases.yaml').replace(
      'targets: [openai-main, local-llama]',
      'targets: [nowhere]',
    );
    const invalid = parsePack(broken, { env: {} });
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? [] : invalid.errors).toContainEqual({
      path: 'model_groups[0].targets[0]',
      message: 'unknown target "nowhere"; expected one of the target ids: openai-main, local-llama',
    });
    expect(invalid.warnings).toContainEqual({
      path: 'providers.targets[0].id',
      message: 'target "openai-main" is not used by any model group',
    });
  });
});

describe('parsePack with ${VAR} interpolation', () => {
  const template = (baseUrl: string): string => `
pack: { name: "\${PACK_NAME}", version: "1.0.0", enabled: true, description: "costs $\${HOME} dollars" }
providers:
  model_groups: [{ name: local, targets: [llama] }]
  targets:
    - id: llama
      provider: openai-compatible:chat:llama3
      base_url: "${baseUrl}"
`;

  it('replaces ${VAR} from the given env and keeps $${ as a literal ${', () => {
    const pack = loaded(
      parsePack(template('${LLAMA_URL}/v1'), {
        env: { PACK_NAME: 'edge', LLAMA_URL: 'http://10.0.0.5:8080' },
      }),
    );
    expect(pack.name).toBe('edge');
    expect(pack.description).toBe('costs ${HOME} dollars');
    expect(findTarget(pack, 'llama')?.baseUrl).toBe('http://10.0.0.5:8080/v1');
  });

  it('never reads process.env: without an env every variable is unset', () => {
    process.env['PACK_SPEC_NAME'] = 'from-process-env';
    try {
      const result = parsePack(template('http://localhost:1').replace('${PACK_NAME}', '${PACK_SPEC_NAME}'));
      expect(result.ok ? [] : result.errors).toEqual([
        { path: 'pack.name', message: 'environment variable PACK_SPEC_NAME is not set' },
      ]);
    } finally {
      delete process.env['PACK_SPEC_NAME'];
    }
  });

  it('fails with the variable name and path when a variable is missing', () => {
    const result = parsePack(template('${LLAMA_URL}/v1'), { env: { PACK_NAME: 'edge' } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'providers.targets[0].base_url', message: 'environment variable LLAMA_URL is not set' },
    ]);
  });

  it.each([
    ['${PACK_NAME}', [{ path: 'pack.name', message: expect.stringContaining('expected literal text') }]],
    ['edge-$${PACK_NAME}', []],
  ])(
    'with literalPaths, refuses the reference in pack.name %j without reading the env',
    (written, errors) => {
      const result = parsePack(
        template('http://localhost:1').replace('${PACK_NAME}', () => written),
        {
          env: { PACK_NAME: 'secret-from-env' },
          literalPaths: ['pack.name', 'pack.version'],
        },
      );
      expect(result.ok ? [] : result.errors).toEqual(errors);
      if (result.ok) expect(result.pack.name).toBe('edge-${PACK_NAME}');
    },
  );

  it('never echoes an interpolated value in a field error', () => {
    const result = parsePack(template('${LLAMA_URL}'), {
      env: { PACK_NAME: 'edge', LLAMA_URL: 'not a url with secret-token' },
    });
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: 'providers.targets[0].base_url',
        message: 'expected an http(s) URL such as "https://api.example.com/v1"; got "${LLAMA_URL}"',
      },
    ]);
  });
});
