import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Max, Min } from 'class-validator';
import { MAX_IDENTIFIER_CHARS } from '@kt/contracts';
import { BudgetLeasesEnv } from './budgets/budget-leases.env.js';

/** The gateway's whole environment, validated once at boot (headroom lease settings included). */
export class GatewayEnv extends BudgetLeasesEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 41002;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'KT_PACK must name the pack file to serve' })
  KT_PACK: string = '';

  /** `key:team,…` gateway keys added to the pack's `auth.keys` (demo and tests). */
  @IsOptional()
  @IsString()
  KT_API_KEYS?: string;

  /** Largest request body accepted; larger ones get 413 payload_too_large. */
  @IsInt()
  @Min(1024)
  GATEWAY_BODY_LIMIT_BYTES: number = 4 * 1024 * 1024;

  @IsInt()
  @Min(1)
  KT_UPSTREAM_CONNECT_TIMEOUT_MS: number = 5_000;

  /** Whole upstream exchange, streams included, unless a target sets `timeout_ms`. */
  @IsInt()
  @Min(1)
  KT_UPSTREAM_TIMEOUT_MS: number = 120_000;

  @IsInt()
  @Min(1)
  KT_UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: number = 30_000;

  /** Where route events wait while Kafka is unreachable. */
  @IsString()
  @IsNotEmpty()
  KT_SPOOL_DIR: string = '.kt/spool/gateway';

  /** Names this instance in route events; defaults to host and pid. */
  @IsOptional()
  @IsString()
  // The route-event decoder caps instance_id; a longer one would dead-letter every event of this instance.
  @MaxLength(MAX_IDENTIFIER_CHARS, { message: `expected at most ${MAX_IDENTIFIER_CHARS} characters` })
  KT_INSTANCE_ID?: string;
}
