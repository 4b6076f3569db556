import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsFromEnv } from '@kt/telemetry';
import { kafkaClientConfig } from './bus.config.js';
import { kafkaSecurityFromEnv } from './kafka.security.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-kafka-security-'));
const pem = (name: string, label: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`);
  return path;
};
const CA = pem('ca.pem', 'CERTIFICATE');
const CERT = pem('client.pem', 'CERTIFICATE');
const KEY = pem('client.key', 'PRIVATE KEY');
const PASSWORD = 'sasl-password-never-printed';

describe('kafkaSecurityFromEnv', () => {
  it('is PLAINTEXT without any setting', () => {
    expect(kafkaClientConfig({ env: {} })).not.toHaveProperty('sasl');
    expect(kafkaClientConfig({ env: {} })).not.toHaveProperty('ssl');
  });

  it.each(['scram-sha-256', 'SCRAM-SHA-512', 'plain'])('applies SASL %s to the client', (mechanism) => {
    const config = kafkaClientConfig({
      env: { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'gateway', KAFKA_SASL_PASSWORD: PASSWORD },
    });
    expect(config.sasl).toEqual({
      mechanism: mechanism.toLowerCase(),
      username: 'gateway',
      password: PASSWORD,
    });
  });

  it('uses the system CAs for KAFKA_TLS=true and reads the PEM files when given', () => {
    expect(kafkaClientConfig({ env: { KAFKA_TLS: 'true' } }).ssl).toBe(true);
    const ssl = kafkaClientConfig({
      env: { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: CA, KAFKA_TLS_CERT_FILE: CERT, KAFKA_TLS_KEY_FILE: KEY },
    }).ssl;
    expect(ssl).toMatchObject({
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
      key: expect.stringContaining('PRIVATE KEY'),
    });
  });

  it('prefers explicit security over the environment', () => {
    const config = kafkaClientConfig({
      env: { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'env', KAFKA_SASL_PASSWORD: 'x' },
      security: {},
    });
    expect(config).not.toHaveProperty('sasl');
  });

  it.each([
    [
      { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD },
      /^KAFKA_SASL_MECHANISM: expected one of/,
    ],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: PASSWORD }, /^KAFKA_SASL_USERNAME: required/],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, /^KAFKA_SASL_PASSWORD: required/],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD }, /^KAFKA_SASL_MECHANISM: must be set/],
    [{ KAFKA_TLS: 'yes' }, /^KAFKA_TLS: expected true or false/],
    [{ KAFKA_TLS_CA_FILE: CA }, /^KAFKA_TLS: must be true/],
    [{ KAFKA_TLS: 'true', KAFKA_TLS_CERT_FILE: CERT }, /^KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE/],
    [
      { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(dir, 'missing.pem') },
      /^KAFKA_TLS_CA_FILE: the file cannot be read \(ENOENT\)/,
    ],
    [{ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(dir) }, /^KAFKA_TLS_CA_FILE: the file cannot be read/],
  ])('refuses %j naming the variable, never its value', (env, message) => {
    let error = '';
    try {
      kafkaSecurityFromEnv(env);
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(message);
    expect(error).not.toContain(PASSWORD);
    expect(error).not.toContain(dir);
  });

  it('refuses a file that holds no PEM block', () => {
    const path = join(dir, 'not.pem');
    writeFileSync(path, 'hello');
    expect(() => kafkaSecurityFromEnv({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: path })).toThrow(
      /^KAFKA_TLS_CA_FILE: the file holds no PEM block$/,
    );
  });
});

describe('secret scrubbing of the Kafka settings', () => {
  it('treats KAFKA_SASL_PASSWORD as a secret and the username and mechanism as settings', () => {
    const secrets = secretsFromEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'kt-gateway',
      KAFKA_SASL_PASSWORD: PASSWORD,
    });
    expect(secrets).toEqual([PASSWORD]);
  });
});
