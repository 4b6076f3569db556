import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { BudgetLeases } from './budget-leases.service.js';
import { BudgetStateFollower } from './budget-state.follower.js';

/** Budget states heard on Kafka, and headroom leases from the ledger. */
@Module({
  imports: [RuntimeModule],
  providers: [BudgetStateFollower, BudgetLeases],
  exports: [BudgetLeases],
})
export class BudgetsModule {}
