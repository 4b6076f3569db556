import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

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

  @ApiProperty({ description: 'integer micro-USD as a decimal string', example: '50000' })
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'requested_micro_usd must be a non-negative integer string' })
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
