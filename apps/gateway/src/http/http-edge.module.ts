import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventsModule } from '../events/events.module.js';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { GatewayExceptionFilter } from './gateway-exception.filter.js';
import { IngressMetrics } from './ingress.metrics.js';
import { IngressRefuser } from './ingress.refuser.js';
import { JsonBodyParser } from './json-body.parser.js';
import { RequestIdentity } from './request.identity.js';
import { RouteIngress } from './route.ingress.js';
import { RouteResponder } from './route.responder.js';

/**
 * The HTTP edge every endpoint shares: the body parser, request ids, the ingress, the responder that
 * answers and records, and the filter where errors become HTTP answers.
 */
@Module({
  imports: [EventsModule, TelemetryModule],
  providers: [
    JsonBodyParser,
    IngressMetrics,
    RequestIdentity,
    IngressRefuser,
    RouteIngress,
    RouteResponder,
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
  ],
  exports: [RequestIdentity, RouteIngress, RouteResponder],
})
export class HttpEdgeModule {}
