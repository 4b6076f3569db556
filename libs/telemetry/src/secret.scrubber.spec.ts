import { describe, expect, it } from 'vitest';
import { scrubSecrets, secretsFromEnv } from './secret.scrubber.js';

describe('secretsFromEnv', () => {
  it('takes keys, tokens and passwords, and only the key part of KT_API_KEYS', () => {
    const secrets = secretsFromEnv({
      OPENAI_API_KEY: 'sk-live-123456',
      KT_API_KEYS: 'gw-key-aaaaaa:team-a,gw-key-bbbbbb:team-b',
      KT_TOKEN: 'tok-abcdef',
      PGPASSWORD: 'hunter22',
      KAFKA_BROKERS: 'localhost:9092',
      SHORT_API_KEY: 'abc',
    });
    expect(secrets.sort()).toEqual([
      'gw-key-aaaaaa',
      'gw-key-bbbbbb',
      'hunter22',
      'sk-live-123456',
      'tok-abcdef',
    ]);
  });

  it.each([
    ['a provider key under a second name', { OPENAI_API_KEY_NEXT: 'sk-next-abcdef' }, ['sk-next-abcdef']],
    ['a secret in the middle of a name', { DB_PASSWORD_FILE_CONTENT: 'hunter22' }, ['hunter22']],
    ['an API key without underscore', { OPENAI_APIKEY: 'openai-key-1' }, ['openai-key-1']],
    [
      'each secret of REPORTING_TOKENS, not roles or names',
      {
        REPORTING_TOKENS:
          'finance:finance:kt-finance-demo, admin:ops:kt-demo-key,admin:sec:sha256:abcdef0123',
      },
      ['kt-finance-demo', 'kt-demo-key', 'sha256:abcdef0123'],
    ],
    ['a gateway key that contains a colon', { KT_API_KEYS: 'gw:key-aaaaaa:team-a' }, ['gw:key-aaaaaa']],
    [
      'no numbers or booleans of settings named after tokens',
      {
        KT_BUDGET_DEFAULT_MAX_TOKENS: '409600',
        KT_UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '120000',
        KT_SECRET_SCAN: 'false',
      },
      [],
    ],
  ])('takes %s', (_label, env, expected) => {
    expect(secretsFromEnv(env).sort()).toEqual([...expected].sort());
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['a known key value', 'upstream said: bad key my-provider-key-1', 'upstream said: bad key [redacted]'],
    ['a bearer token', 'authorization: Bearer abc.def-123', 'authorization: Bearer [redacted]'],
    ['an sk- key', 'key sk-ant-api03-XYZXYZXYZ refused', 'key [redacted] refused'],
    ['a password in a URL', 'postgres://kt:s3cret@db:5432/kt', 'postgres://kt:[redacted]@db:5432/kt'],
    ['nothing secret', 'routed to openai-main in 12 ms', 'routed to openai-main in 12 ms'],
  ])('replaces %s', (_label, text, expected) => {
    expect(scrubSecrets(text, ['my-provider-key-1'])).toBe(expected);
  });
});
