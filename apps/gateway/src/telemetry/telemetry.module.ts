import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { GatewayMetrics } from './gateway.metrics.js';

@Module({
  imports: [RuntimeModule, EventsModule],
  providers: [GatewayMetrics],
  exports: [GatewayMetrics],
})
export class TelemetryModule {}
