import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { BreakerOpeningSharer } from './breaker-opening.sharer.js';
import { ProbeSamplesFollower } from './probe-samples.follower.js';

/** Target health from the prober's samples, and breaker openings shared with peer gateways. */
@Module({
  imports: [RuntimeModule],
  providers: [ProbeSamplesFollower, BreakerOpeningSharer],
})
export class HealthFeatureModule {}
