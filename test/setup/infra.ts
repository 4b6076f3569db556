import { inject } from 'vitest';
import type {} from './infra.context.js';

/** `KAFKA_BROKERS` of the broker the global setup started (or the one given in the environment). */
export function kafkaBrokers(): string {
  return required(inject('kafkaBrokers') ?? process.env.KAFKA_BROKERS, 'KAFKA_BROKERS');
}

/** `DATABASE_URL` of the database the global setup started (or the one given in the environment). */
export function databaseUrl(): string {
  return required(inject('databaseUrl') ?? process.env.DATABASE_URL, 'DATABASE_URL');
}

function required(value: string | undefined, name: string): string {
  if (!value)
    throw new Error(
      `${name} is not set: run this file in the vitest "integration" project (its global setup starts the infrastructure)`,
    );
  return value;
}
