import { Module } from '@nestjs/common';
import { BudgetView } from './budget.view.js';
import { TargetHealth } from './target.health.js';
import { TargetStats } from './target.stats.js';

/**
 * What this instance has heard or measured of each target and budget, one instance each, kept across
 * pack reloads. The lowest layer: the followers write it, the pipeline's steps read it, and it
 * imports nothing of theirs.
 */
@Module({
  providers: [TargetStats, TargetHealth, BudgetView],
  exports: [TargetStats, TargetHealth, BudgetView],
})
export class StateModule {}
