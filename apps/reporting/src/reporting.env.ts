import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class ReportingEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_PORT: number = 41003;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  /** A login that is a member of `kt_reporting_read` only: reporting refuses to be ready if it can write. */
  @IsString()
  @IsNotEmpty({
    message: 'DATABASE_URL must point at the ledger database as a read-only role (see docs/reporting.md)',
  })
  DATABASE_URL: string = '';

  /** `role:name:secret,…` with role finance|admin and secret the token or `sha256:<hex>` of it. */
  @IsString()
  @IsNotEmpty({ message: 'REPORTING_TOKENS must list role:name:secret entries (see docs/reporting.md)' })
  REPORTING_TOKENS: string = '';

  /** Requests allowed per token per REPORTING_RATE_WINDOW_MS. */
  @IsInt()
  @Min(1)
  REPORTING_RATE_LIMIT: number = 600;

  @IsInt()
  @Min(1000)
  REPORTING_RATE_WINDOW_MS: number = 60_000;

  /** The route-event topic (audits replay it; tests point it at their own topic). */
  @IsString()
  @IsNotEmpty()
  REPORTING_ROUTE_TOPIC: string = 'kt.route-events.v1';
}
