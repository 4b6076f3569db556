import { ApiProperty } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

/**
 * The most one lease request may ask for: USD 1e9 in micro-USD, far beyond any budget yet well
 * inside the 18 digits the column and the grant arithmetic take. Gateways clamp to it.
 */
export const MAX_LEASE_REQUEST_MICRO_USD = 1_000_000_000_000_000n;

/** A decimal integer string no larger than `MAX_LEASE_REQUEST_MICRO_USD`. */
function AtMostMaxLease(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'atMostMaxLease',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{1,18}$/.test(value) &&
          BigInt(value) <= MAX_LEASE_REQUEST_MICRO_USD,
      },
    },
    options,
  );
}

/** The body of `POST /v1/leases`: an instance asks for more of a block budget's headroom. */
export class LeaseRequestDto {
  @ApiProperty({ example: '6f1c…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly budget_id!: string;

  @ApiProperty({ example: 'gw-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly gateway_instance!: string;

  @ApiProperty({
    description: `integer micro-USD as a decimal string, at most ${MAX_LEASE_REQUEST_MICRO_USD}`,
    example: '50000',
  })
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'requested_micro_usd must be a non-negative integer string' })
  @AtMostMaxLease({ message: `requested_micro_usd must be at most ${MAX_LEASE_REQUEST_MICRO_USD}` })
  readonly requested_micro_usd!: string;
}

/** The answer: what was granted now, and the lease it belongs to. */
export interface LeaseGrant {
  readonly budget_id: string;
  readonly gateway_instance: string;
  readonly window_start: string;
  /** Changes whenever the lease restarts (new window, reclaimed): the gateway drops its old balance. */
  readonly generation: number;
  readonly granted_micro_usd: string;
  readonly lease_total_micro_usd: string;
  readonly available_micro_usd: string;
  readonly expires_at: string;
  /** The lease's validity from now, for gateways whose clock differs from the ledger's. */
  readonly ttl_ms: number;
}
