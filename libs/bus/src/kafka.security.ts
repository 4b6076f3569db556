import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';

/** The SASL mechanisms kt speaks; SCRAM for Strimzi and most managed Kafka, PLAIN for the rest. */
export const SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaSaslCredentials {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** How a client authenticates and encrypts; nothing set means PLAINTEXT, as on a local broker. */
export interface KafkaSecurity {
  readonly sasl?: KafkaSaslCredentials;
  /** `true`: TLS with the system CAs; options: a private CA and/or a client certificate. */
  readonly ssl?: true | ConnectionOptions;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Errors name the variable and what it should hold, never its value (a password, a path). */
export class KafkaSecurityConfigError extends Error {}

const cache = new Map<string, KafkaSecurity>();

/**
 * Reads `KAFKA_SASL_*` and `KAFKA_TLS*` once per distinct setting (files are read at the first
 * call, i.e. at boot), so every producer, consumer and admin of a process shares one decision.
 */
export function kafkaSecurityFromEnv(env: Env): KafkaSecurity {
  const key = JSON.stringify(SECURITY_VARS.map((name) => env[name] ?? null));
  let security = cache.get(key);
  if (security === undefined) {
    security = { sasl: saslFromEnv(env), ssl: tlsFromEnv(env) };
    cache.set(key, security);
  }
  return security;
}

const SECURITY_VARS = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_TLS',
  'KAFKA_TLS_CA_FILE',
  'KAFKA_TLS_CERT_FILE',
  'KAFKA_TLS_KEY_FILE',
] as const;

function saslFromEnv(env: Env): KafkaSaslCredentials | undefined {
  const mechanism = blankToUndefined(env.KAFKA_SASL_MECHANISM)?.toLowerCase();
  const username = blankToUndefined(env.KAFKA_SASL_USERNAME);
  const password = env.KAFKA_SASL_PASSWORD === '' ? undefined : env.KAFKA_SASL_PASSWORD;
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined)
      throw new KafkaSecurityConfigError(
        `KAFKA_SASL_MECHANISM: must be set (${SASL_MECHANISMS.join(', ')}) when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is`,
      );
    return undefined;
  }
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism))
    throw new KafkaSecurityConfigError(`KAFKA_SASL_MECHANISM: expected one of ${SASL_MECHANISMS.join(', ')}`);
  if (username === undefined)
    throw new KafkaSecurityConfigError('KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is set');
  if (password === undefined)
    throw new KafkaSecurityConfigError('KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set');
  return { mechanism: mechanism as SaslMechanism, username, password };
}

function tlsFromEnv(env: Env): true | ConnectionOptions | undefined {
  const flag = blankToUndefined(env.KAFKA_TLS)?.toLowerCase();
  if (flag !== undefined && flag !== 'true' && flag !== 'false')
    throw new KafkaSecurityConfigError('KAFKA_TLS: expected true or false');
  const ca = readPem(env, 'KAFKA_TLS_CA_FILE');
  const cert = readPem(env, 'KAFKA_TLS_CERT_FILE');
  const key = readPem(env, 'KAFKA_TLS_KEY_FILE');
  const files = ca !== undefined || cert !== undefined || key !== undefined;
  if (flag !== 'true') {
    if (files) throw new KafkaSecurityConfigError('KAFKA_TLS: must be true when a KAFKA_TLS_*_FILE is set');
    return undefined;
  }
  if ((cert === undefined) !== (key === undefined))
    throw new KafkaSecurityConfigError(
      'KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE: a client certificate needs both',
    );
  if (!files) return true;
  return { ...(ca === undefined ? {} : { ca }), ...(cert === undefined ? {} : { cert, key }) };
}

function readPem(env: Env, name: (typeof SECURITY_VARS)[number]): string | undefined {
  const path = blankToUndefined(env[name]);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KafkaSecurityConfigError(`${name}: the file cannot be read (${code})`);
  }
  if (!text.includes('-----BEGIN '))
    throw new KafkaSecurityConfigError(`${name}: the file holds no PEM block`);
  return text;
}

/** The kafkajs `sasl`/`ssl` settings of a security decision. */
export function kafkaSecurityOptions(security: KafkaSecurity): {
  sasl?: SASLOptions;
  ssl?: true | ConnectionOptions;
} {
  return {
    ...(security.sasl === undefined ? {} : { sasl: saslOptions(security.sasl) }),
    ...(security.ssl === undefined ? {} : { ssl: security.ssl }),
  };
}

function saslOptions(c: KafkaSaslCredentials): SASLOptions {
  switch (c.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username: c.username, password: c.password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username: c.username, password: c.password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username: c.username, password: c.password };
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
