import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/** The audit replay's settings, read from the reporting service's environment (the topic is `REPORTING_ROUTE_TOPIC`). */
export class AuditsEnv {
  /** The ledger's consumer group: the `consumer` of its `ledger_offsets` checkpoints. */
  @IsString()
  @IsNotEmpty()
  REPORTING_AUDIT_LEDGER_GROUP: string = 'kt-ledger';

  /**
   * How long before `since` the replay starts reading, by record (produce) time: an event that
   * occurred at `since` may reach Kafka later, never earlier, except for clock skew between hosts.
   */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  REPORTING_AUDIT_SKEW_MS: number = 300_000;

  /** How long an audit waits for the ledger to reach the replay's watermarks before comparing. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REPORTING_AUDIT_LEDGER_WAIT_MS: number = 30_000;

  /**
   * Most distinct events one audit may hold in memory (a few hundred bytes each): a longer range
   * fails with a message saying so instead of taking the reporting process down.
   */
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  REPORTING_AUDIT_MAX_EVENTS: number = 1_000_000;

  /** Audits remembered in memory (the oldest finished ones are forgotten first). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  REPORTING_AUDIT_KEEP: number = 50;
}
