import { describe, expect, it } from 'vitest';
import { errorsOf, packText, REMOVE, type InvalidCase } from '../fixtures/pack-text.fixture.js';
import { formatIssues } from './pack.issue.js';

const cases: readonly InvalidCase[] = [
  {
    name: 'an openai-compatible target without base_url',
    text: packText(['providers.targets[2].provider', 'openai-compatible:chat:llama3']),
    errors: [
      {
        path: 'providers.targets[2].base_url',
        message: 'required for openai-compatible targets; expected an http(s) URL',
      },
    ],
  },
  {
    name: 'duplicate target ids',
    text: packText(['providers.targets[2].id', 'a'], ['providers.model_groups[1].targets', ['a']]),
    errors: [
      { path: 'providers.targets[2].id', message: 'duplicate target id "a"; target ids must be unique' },
    ],
  },
  {
    name: 'duplicate group names',
    text: packText(
      ['providers.model_groups[1].name', 'main'],
      ['providers.model_groups[0].fallback_group', REMOVE],
    ),
    errors: [
      {
        path: 'providers.model_groups[1].name',
        message: 'duplicate group name "main"; group names must be unique',
      },
    ],
  },
  {
    name: 'a group target that does not exist',
    text: packText(['providers.model_groups[1].targets', ['c', 'z']]),
    errors: [
      {
        path: 'providers.model_groups[1].targets[1]',
        message: 'unknown target "z"; expected one of the target ids: a, b, c',
      },
    ],
  },
  {
    name: 'a fallback_group that does not exist',
    text: packText(['providers.model_groups[0].fallback_group', 'spare']),
    errors: [
      {
        path: 'providers.model_groups[0].fallback_group',
        message: 'unknown group "spare"; expected one of the group names: main, backup',
      },
    ],
  },
  {
    name: 'a fallback cycle through three groups',
    text: packText(
      ['providers.model_groups[1].fallback_group', 'third'],
      ['providers.model_groups[2]', { name: 'third', fallback_group: 'main', targets: ['c'] }],
    ),
    errors: [
      {
        path: 'providers.model_groups[0].fallback_group',
        message: 'fallback cycle: main -> backup -> third -> main',
      },
    ],
  },
  {
    name: 'a group that falls back to itself',
    text: packText(['providers.model_groups[1].fallback_group', 'backup']),
    errors: [
      { path: 'providers.model_groups[1].fallback_group', message: 'fallback cycle: backup -> backup' },
    ],
  },
  {
    name: 'an alias that collides with another group name',
    text: packText(['providers.model_groups[0].aliases', ['main-alias', 'backup']]),
    errors: [
      {
        path: 'providers.model_groups[0].aliases[1]',
        message: 'alias "backup" collides with the group name "backup"; every name and alias must be unique',
      },
    ],
  },
  {
    name: 'an alias that collides with another group alias',
    text: packText(['providers.model_groups[1].aliases', ['main-alias']]),
    errors: [
      {
        path: 'providers.model_groups[1].aliases[0]',
        message:
          'alias "main-alias" collides with an alias of group "main"; every name and alias must be unique',
      },
    ],
  },
  {
    name: 'a group whose weights are all zero',
    text: packText(['providers.targets[0].weight', 0], ['providers.targets[1].weight', 0]),
    errors: [
      {
        path: 'providers.model_groups[0].targets',
        message: 'every target of this group has weight 0; at least one needs a weight > 0',
      },
    ],
  },
  {
    name: 'an alias key given together with its canonical key',
    text: packText(
      ['provider_routing', { strategy: 'ordered' }],
      ['providers.routing', { strategy: 'ordered' }],
    ),
    errors: [{ path: 'provider_routing', message: 'given twice, here and as providers.routing; keep one' }],
  },
  {
    name: 'both cooldown_seconds and its alias recovery_timeout',
    text: packText(['providers.circuit_breaker', { cooldown_seconds: 10, recovery_timeout: 20 }]),
    errors: [
      {
        path: 'providers.circuit_breaker.recovery_timeout',
        message: 'alias of cooldown_seconds, which is also given; keep one',
      },
    ],
  },
  {
    name: 'a target that breaks its group data policy',
    text: packText(['providers.model_groups[1].data_policy', { require_zero_data_retention: true }]),
    errors: [
      {
        path: 'providers.model_groups[1].targets[0]',
        message: 'target "c" does not meet this group\'s data policy: zero data retention required',
      },
    ],
  },
  {
    name: 'a group mixing chat and embeddings targets',
    text: packText(['providers.targets[1].provider', 'azure:embeddings:text-embedding-3-small']),
    errors: [
      {
        path: 'providers.model_groups[0].targets',
        message: 'mixes chat and embeddings targets; a group serves one kind of model',
      },
    ],
  },
  {
    name: 'a retry cap below the base delay',
    text: packText(['providers.fallback', { retry: { base_delay_ms: 500, max_delay_ms: 100 } }]),
    errors: [
      {
        path: 'providers.fallback.retry.max_delay_ms',
        message: 'expected a value >= base_delay_ms (500); got 100',
      },
    ],
  },
];

describe('parsePack checks rules across fields', () => {
  it.each(cases)('reports $name', ({ text, errors }) => {
    expect(errorsOf(text)).toEqual(errors);
  });

  it('reports every error of a pack with several mistakes at once', () => {
    const text = packText(
      ['pack.version', 'v1'],
      ['providers.targets[0].wieght', 2],
      ['providers.targets[1].weight', -3],
      ['providers.model_groups[1].targets', ['c', 'missing']],
      ['providers.model_groups[1].fallback_group', 'main'],
    );
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual([
      'pack.version',
      'providers.targets[0].wieght',
      'providers.targets[1].weight',
      'providers.model_groups[1].targets[1]',
      'providers.model_groups[0].fallback_group',
    ]);
    expect(errors[4]?.message).toBe('fallback cycle: main -> backup -> main');
    expect(formatIssues(errors).split('\n')).toHaveLength(5);
  });
});
