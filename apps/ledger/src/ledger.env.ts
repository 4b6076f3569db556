import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class LedgerEnv {
  /**
   * `role:name:secret,…` (secret plain or `sha256:<hex>`), roles `gateway` (leases), `finance`
   * (totals, budget reads) and `admin` (everything but leases). Required: the ledger moves money.
   */
  @IsString()
  @IsNotEmpty({
    message:
      'LEDGER_TOKENS must list role:name:secret entries (roles gateway, finance, admin; see docs/ledger.md)',
  })
  LEDGER_TOKENS: string = '';

  @IsInt()
  @Min(1)
  @Max(65535)
  LEDGER_PORT: number = 41004;

  /**
   * Interface the API binds; unset = `KT_LISTEN_HOST`, else 0.0.0.0 (containers). `kt up` sets
   * 127.0.0.1: the lease and budget API must not be reachable from other machines there.
   */
  @IsOptional()
  @IsString()
  LEDGER_HOST?: string;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL must point at the ledger database (kt up starts an embedded one)' })
  DATABASE_URL: string = '';

  /** The route-event topic projected (tests point it at their own topic). */
  @IsString()
  @IsNotEmpty()
  LEDGER_TOPIC: string = 'kt.route-events.v1';

  @IsString()
  @IsNotEmpty()
  LEDGER_DEAD_LETTER_TOPIC: string = 'kt.dead-letter.v1';

  /** Consumer group, also the `consumer` column of `ledger_offsets`. */
  @IsString()
  @IsNotEmpty()
  LEDGER_CONSUMER_GROUP: string = 'kt-ledger';

  /** Bytes fetched per partition per batch: larger batches mean fewer transactions. */
  @IsInt()
  @Min(1024)
  LEDGER_MAX_BYTES_PER_PARTITION: number = 8 * 1024 * 1024;

  /** Partitions of the topic applied in parallel, each batch in its own transaction. */
  @IsInt()
  @Min(1)
  LEDGER_PARTITIONS_CONCURRENTLY: number = 3;

  /** Fault injection: holds every batch transaction open this long before COMMIT (crash tests). */
  @IsInt()
  @Min(0)
  LEDGER_APPLY_DELAY_MS: number = 0;
}
