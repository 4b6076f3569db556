// What the integration global setup hands to test files (vitest provide/inject).
export interface InfraContext {
  /** `KAFKA_BROKERS` of the run's broker. */
  readonly kafkaBrokers: string;
  /** `DATABASE_URL` of the run's database. */
  readonly databaseUrl: string;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface ProvidedContext extends InfraContext {}
}
