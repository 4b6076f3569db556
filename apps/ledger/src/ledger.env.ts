import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

/** The ledger's whole environment, validated once at boot (`main.ts`); nothing else reads `process.env`. */
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

  /** How often every budget is re-checked without traffic, so a period rolls over on time. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  KT_LEDGER_BUDGET_RECHECK_MS: number = 60_000;

  /**
   * Shifts the budgets' clock, for tests and demos of a period rollover only; 0 (the default) is the
   * real UTC time. Never set it in production.
   */
  @IsInt()
  KT_LEDGER_CLOCK_OFFSET_MS: number = 0;

  /** The consumer group reading `kt.budget-events.v1`; offsets live in Postgres, not in the group. */
  @IsString()
  @IsNotEmpty()
  KT_LEDGER_BUDGET_GROUP: string = 'kt-ledger-budgets';

  /** How long a grant is valid; the gateway asks again (and extends it) before using it after that. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  KT_LEDGER_LEASE_TTL_MS: number = 30_000;

  /**
   * How long after expiry a silent instance's unused lease is still held. It must exceed the
   * gateways' longest request plus the spend projection's lag, so reclaimed headroom is really unused.
   */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  KT_LEDGER_LEASE_RECLAIM_MS: number = 600_000;

  /** Replication factor of the topics this service creates when missing; unset = the broker's default. */
  @IsOptional()
  @IsInt()
  @Min(1)
  KT_TOPIC_REPLICATION_FACTOR?: number;
}
