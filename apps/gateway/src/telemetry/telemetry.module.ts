import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { IngressMetrics } from '../http/ingress.metrics.js';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { GatewayMetrics } from './gateway.metrics.js';

@Module({
  imports: [RuntimeModule, EventsModule],
  providers: [GatewayMetrics, IngressMetrics],
  exports: [GatewayMetrics, IngressMetrics],
})
export class TelemetryModule {}
