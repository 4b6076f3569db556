import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { AuditsEnv } from './audits/audits.env.js';

/** Reporting's whole environment (the audits' part included), validated once at boot in `main.ts`. */
export class ReportingEnv extends AuditsEnv {
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

  /** The Ed25519 private key (PEM) that signs the packs applied through `POST /v1/packs`; unset = unsigned. */
  @IsOptional()
  @IsString()
  KT_PACK_SIGNING_KEY_FILE?: string;

  /** Replication factor of the topics this service creates when missing; unset = the broker's default. */
  @IsOptional()
  @IsInt()
  @Min(1)
  KT_TOPIC_REPLICATION_FACTOR?: number;
}
