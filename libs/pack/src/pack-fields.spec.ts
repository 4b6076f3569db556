import { describe, expect, it } from 'vitest';
import { errorsOf, packText, REMOVE, type InvalidCase } from '../fixtures/pack-text.fixture.js';
import { findTarget } from './pack.lookup.js';
import { parsePack } from './pack.parser.js';
import { STRATEGY_NAMES } from './pack.vocabulary.js';

const strategies = STRATEGY_NAMES.join(', ');
const targetKeys =
  'id, provider, weight, secret_key_ref, base_url, api_version, base_model, pricing, timeout_ms, health_check, data_policy';

const cases: readonly InvalidCase[] = [
  {
    name: 'a missing pack name',
    text: packText(['pack.name', REMOVE]),
    errors: [
      { path: 'pack.name', message: 'required; expected a non-empty string of at most 200 characters' },
    ],
  },
  {
    name: 'a version that is not semver',
    text: packText(['pack.version', '1.0']),
    errors: [
      {
        path: 'pack.version',
        message: 'expected a semantic version string such as "1.0.0" (quote it in YAML); got "1.0"',
      },
    ],
  },
  {
    name: 'enabled written as a string',
    text: packText(['pack.enabled', 'yes']),
    errors: [{ path: 'pack.enabled', message: 'expected true or false; got "yes"' }],
  },
  {
    name: 'a misspelt target key',
    text: packText(['providers.targets[0].wieght', 3]),
    errors: [{ path: 'providers.targets[0].wieght', message: `unknown key; expected one of: ${targetKeys}` }],
  },
  {
    name: 'an unknown top-level key',
    text: packText(['routing', {}]),
    errors: [
      {
        path: 'routing',
        message:
          'unknown key; expected one of: pack, auth, providers, pricing, provider_routing, provider_fallback, model_groups',
      },
    ],
  },
  {
    name: 'a negative weight',
    text: packText(['providers.targets[0].weight', -1]),
    errors: [{ path: 'providers.targets[0].weight', message: 'expected a number >= 0; got -1' }],
  },
  {
    name: 'an empty weight (YAML null)',
    text: packText(['providers.targets[0].weight', null]),
    errors: [{ path: 'providers.targets[0].weight', message: 'expected a number >= 0; got null' }],
  },
  {
    name: 'a provider string without a model',
    text: packText(['providers.targets[1].provider', 'azure:chat']),
    errors: [
      {
        path: 'providers.targets[1].provider',
        message:
          'expected "vendor:kind:model" with vendor one of: openai, azure, anthropic, openai-compatible, azure-openai and kind one of: chat, embeddings; got "azure:chat"',
      },
    ],
  },
  {
    name: 'an unknown vendor',
    text: packText(['providers.targets[1].provider', 'mistral:chat:large']),
    errors: [
      {
        path: 'providers.targets[1].provider',
        message: expect.stringContaining('got "mistral:chat:large"') as string,
      },
    ],
  },
  {
    name: 'a base_url that is not http(s)',
    text: packText(['providers.targets[0].base_url', 'ftp://files.example.com']),
    errors: [
      {
        path: 'providers.targets[0].base_url',
        message:
          'expected an http(s) URL such as "https://api.example.com/v1"; got "ftp://files.example.com"',
      },
    ],
  },
  {
    name: 'an unknown pack-wide strategy',
    text: packText(['providers.routing', { strategy: 'fastest' }]),
    errors: [
      { path: 'providers.routing.strategy', message: `expected one of: ${strategies}; got "fastest"` },
    ],
  },
  {
    name: 'an unknown group strategy',
    text: packText(['providers.model_groups[1].strategy', 'random']),
    errors: [
      { path: 'providers.model_groups[1].strategy', message: `expected one of: ${strategies}; got "random"` },
    ],
  },
  {
    name: 'an API key pasted where the variable name belongs, without echoing it',
    text: packText(['providers.targets[0].secret_key_ref', { env: 'sk-live-0123456789' }]),
    errors: [
      {
        path: 'providers.targets[0].secret_key_ref.env',
        message:
          'expected an environment variable name (letters, digits and _); got a value not shown here, as it may be a secret',
      },
    ],
  },
  {
    name: 'a gateway key digest that is not lowercase hex',
    text: packText(['auth.keys[0].sha256', 'A'.repeat(64)]),
    errors: [
      {
        path: 'auth.keys[0].sha256',
        message:
          'expected a SHA-256 digest of 64 lowercase hex characters; got a value not shown here, as it may be a secret',
      },
    ],
  },
  {
    name: 'missing targets',
    text: packText(['providers.targets', REMOVE]),
    errors: [{ path: 'providers.targets', message: 'required; expected a non-empty list of targets' }],
  },
  {
    name: 'model_groups written as a string',
    text: packText(['providers.model_groups', 'main']),
    errors: [
      { path: 'providers.model_groups', message: 'expected a non-empty list of model groups; got "main"' },
    ],
  },
  {
    name: 'a fallback trigger that does not exist',
    text: packText(['providers.fallback', { triggers: ['timeout', 'quota'] }]),
    errors: [
      {
        path: 'providers.fallback.triggers',
        message:
          'expected a list of: rate_limit_exceeded, timeout, service_unavailable, server_error, connection_error; got ["timeout","quota"]',
      },
    ],
  },
  {
    name: 'a price finer than one micro-USD',
    text: packText(['providers.targets[0].pricing', { input_per_million: 0.1234567, output_per_million: 1 }]),
    errors: [
      {
        path: 'providers.targets[0].pricing.input_per_million',
        message: 'expected a USD amount >= 0 with at most 6 decimals; got 0.1234567',
      },
    ],
  },
  {
    name: 'a cache read rate that is not a USD amount',
    text: packText([
      'providers.targets[0].pricing',
      { input_per_million: 1, output_per_million: 2, cache_read_per_million: -0.1 },
    ]),
    errors: [
      {
        path: 'providers.targets[0].pricing.cache_read_per_million',
        message: 'expected a USD amount >= 0 with at most 6 decimals; got -0.1',
      },
    ],
  },
  {
    name: 'pricing tiers out of order',
    text: packText([
      'providers.targets[0].pricing',
      {
        input_per_million: 1,
        output_per_million: 2,
        tiers: [
          { above_input_tokens: 200000, input_per_million: 2 },
          { above_input_tokens: 128000, input_per_million: 1.5 },
        ],
      },
    ]),
    errors: [
      {
        path: 'providers.targets[0].pricing.tiers',
        message: expect.stringContaining('expected tiers in ascending above_input_tokens order') as string,
      },
    ],
  },
  {
    name: 'a pricing tier without its threshold, and an unknown rate',
    text: packText([
      'providers.targets[0].pricing',
      {
        input_per_million: 1,
        output_per_million: 2,
        tiers: [{ input_per_million: 2, audio_per_million: 1 }],
      },
    ]),
    errors: [
      {
        path: 'providers.targets[0].pricing.tiers[0].audio_per_million',
        message: expect.stringContaining(
          'unknown key; expected one of: above_input_tokens, input_per_million',
        ) as string,
      },
      {
        path: 'providers.targets[0].pricing.tiers[0].above_input_tokens',
        message: 'required; expected an integer >= 0',
      },
    ],
  },
  {
    name: 'a zero health check timeout and an unknown probe kind',
    text: packText(['providers.health_check', { timeout_ms: 0, kind: 'ping' }]),
    errors: [
      { path: 'providers.health_check.timeout_ms', message: 'expected an integer >= 1; got 0' },
      { path: 'providers.health_check.kind', message: 'expected one of: models, completion; got "ping"' },
    ],
  },
  {
    name: 'an unterminated ${ reference',
    text: packText(['pack.description', 'price in ${USD']),
    errors: [{ path: 'pack.description', message: 'unterminated ${ (write $${ for a literal ${)' }],
  },
  {
    name: 'a key named like an Object.prototype member',
    text: packText(['pack.constructor', 'x']),
    errors: [{ path: 'pack.constructor', message: 'unknown key' }],
  },
  {
    name: 'a YAML syntax error',
    text: 'pack:\n  name: [unclosed\n  version: "1.0.0"\n',
    errors: [{ path: 'table.yaml:3:3', message: expect.stringContaining('Flow sequence') as string }],
  },
];

describe('parsePack checks every field', () => {
  it('accepts the base pack the cases start from', () => {
    expect(errorsOf(packText())).toEqual([]);
  });

  it('reads every catalog rate a target can be given, as exact micro-USD per million', () => {
    const text = packText([
      'providers.targets[0].pricing',
      {
        input_per_million: 3,
        output_per_million: 15,
        cache_read_per_million: 0.3,
        cache_write_per_million: 3.75,
        cache_write_1h_per_million: 6,
        reasoning_per_million: 15,
        per_thousand_requests: 12,
        tiers: [{ above_input_tokens: 200000, input_per_million: 6, output_per_million: 22.5 }],
      },
    ]);
    const result = parsePack(text, { env: {} });
    expect(result.ok && findTarget(result.pack, 'a')?.pricing).toEqual({
      inputMicroUsdPerMillion: 3_000_000n,
      outputMicroUsdPerMillion: 15_000_000n,
      cachedInputMicroUsdPerMillion: 300_000n,
      cacheWriteMicroUsdPerMillion: 3_750_000n,
      cacheWrite1hMicroUsdPerMillion: 6_000_000n,
      reasoningMicroUsdPerMillion: 15_000_000n,
      requestMicroUsdPerMillion: 12_000_000_000n,
      tiers: [
        {
          aboveInputTokens: 200_000,
          inputMicroUsdPerMillion: 6_000_000n,
          outputMicroUsdPerMillion: 22_500_000n,
        },
      ],
    });
  });

  it.each(cases)('reports $name', ({ text, errors }) => {
    expect(errorsOf(text)).toEqual(errors);
  });
});
