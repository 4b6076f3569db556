import { Module } from '@nestjs/common';
import { BudgetView } from '../budgets/budget.view.js';
import { TargetHealth } from '../health/target.health.js';
import { GatewayRuntime } from './gateway.runtime.js';
import { TargetStats } from './target.stats.js';

/**
 * The gateway's live state: the pack in force (rebuilt on swap) and what this instance has heard or
 * measured of each target, one instance each, kept across pack reloads.
 */
@Module({
  providers: [GatewayRuntime, TargetStats, TargetHealth, BudgetView],
  exports: [GatewayRuntime, TargetStats, TargetHealth, BudgetView],
})
export class RuntimeModule {}
