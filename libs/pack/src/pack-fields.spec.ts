import { describe, expect, it } from 'vitest';
import { errorsOf, packText, REMOVE, type InvalidCase } from '../test-fixtures/pack-text.builder.js';
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

  it.each(cases)('reports $name', ({ text, errors }) => {
    expect(errorsOf(text)).toEqual(errors);
  });
});
