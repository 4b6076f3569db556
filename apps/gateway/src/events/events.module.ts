import { Module } from '@nestjs/common';
import { KafkaRouteEventSink } from './kafka-route-events.sink.js';
import { ROUTE_EVENT_SINK } from './route-events.sink.js';

/** Where route events go: Kafka, spooled to disk while it is away. */
@Module({
  providers: [KafkaRouteEventSink, { provide: ROUTE_EVENT_SINK, useExisting: KafkaRouteEventSink }],
  exports: [KafkaRouteEventSink, ROUTE_EVENT_SINK],
})
export class EventsModule {}
