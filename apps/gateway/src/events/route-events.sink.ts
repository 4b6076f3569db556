import type { RouteEvent } from '@kt/contracts';

/** Where finished requests' route events go; `publish` must never block or throw on the hot path. */
export interface RouteEventSink {
  publish(event: RouteEvent): void;
}

export const ROUTE_EVENT_SINK = Symbol('kt.gateway.route-event-sink');
