import {
  Body,
  ConflictException,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerRoles } from '../auth/ledger-roles.decorator.js';
import { BUDGET_CLOCK, type BudgetClock } from '../budgets/budget.clock.js';
import { LeaseRequestDto, type LeaseGrant } from './lease-request.dto.js';
import { LeaseStore } from './lease.store.js';

@ApiTags('leases')
@ApiBearerAuth()
@LedgerRoles('gateway')
@Controller('v1/leases')
export class LeaseController {
  constructor(
    private readonly store: LeaseStore,
    // The same clock as the budgets' evaluation, so a lease's window is the state's window.
    @Inject(BUDGET_CLOCK) private readonly clock: BudgetClock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'grant a gateway instance more of a block budget’s headroom (maybe 0)' })
  async grant(@Body() dto: LeaseRequestDto): Promise<LeaseGrant> {
    const outcome = await this.store.grant(
      dto.budget_id,
      dto.gateway_instance,
      BigInt(dto.requested_micro_usd),
      this.clock.now(),
    );
    if (outcome === 'unknown') throw new NotFoundException(`no budget ${dto.budget_id}`);
    if (outcome === 'not_blocking') {
      throw new ConflictException(`budget ${dto.budget_id} only alerts; it has no leases`);
    }
    return outcome;
  }
}
