import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { registerPublisherMetrics } from '@kt/bus';
import { registerCatalogInfo } from '@kt/pricing';
import { metricsRegistry } from '@kt/telemetry';
import { KafkaRouteEventSink } from '../events/kafka-route-events.sink.js';
import type { RouteRecord } from '../events/route.record.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { fallbacksOf } from './fallback.transitions.js';

/** No target served the request (rejected, or every attempt failed). */
export const NO_TARGET = 'none';

/** Breaker states as the gauge's values: the higher, the less traffic the target takes. */
export const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

interface RequestSeries {
  readonly requests: Counter.Internal;
  readonly duration: Histogram.Internal<string>;
}

interface AttemptSeries {
  readonly provider: string;
  readonly duration: Histogram.Internal<string>;
  readonly outcomes: Map<string, Counter.Internal>;
}

/**
 * The gateway's series on `/metrics`. Request series are fed once per request, when its route event
 * is built, from the route record; label children are cached per target and status so the hot path
 * allocates nothing once warm. Breaker states and the event spool are read only when scraped.
 */
@Injectable()
export class GatewayMetrics {
  private readonly registers = [metricsRegistry()];

  private readonly requests = new Counter({
    name: 'kt_gateway_requests_total',
    help: 'Requests answered, by the target that served them ("none" if no target did), its provider and the HTTP status.',
    labelNames: ['target', 'provider', 'status'] as const,
    registers: this.registers,
  });

  private readonly duration = new Histogram({
    name: 'kt_gateway_request_duration_seconds',
    help: 'Time from the request to its last byte, by serving target, provider and HTTP status.',
    labelNames: ['target', 'provider', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: this.registers,
  });

  private readonly overhead = new Histogram({
    name: 'kt_gateway_overhead_seconds',
    help: "The gateway's own time per request: total duration minus time spent waiting on upstreams and backoff.",
    buckets: OVERHEAD_BUCKETS,
    registers: this.registers,
  });

  private readonly attempts = new Counter({
    name: 'kt_gateway_upstream_attempts_total',
    help: 'Calls sent to upstream targets, by target, provider and outcome ("ok" or the error kind).',
    labelNames: ['target', 'provider', 'outcome'] as const,
    registers: this.registers,
  });

  private readonly attemptDuration = new Histogram({
    name: 'kt_gateway_upstream_duration_seconds',
    help: 'Latency of upstream calls (to the last byte), by target and provider.',
    labelNames: ['target', 'provider'] as const,
    buckets: DURATION_BUCKETS,
    registers: this.registers,
  });

  private readonly fallbacks = new Counter({
    name: 'kt_gateway_fallbacks_total',
    help: 'Requests moving on from one target to the next, by model group and both targets.',
    labelNames: ['group', 'from_target', 'to_target'] as const,
    registers: this.registers,
  });

  /** Label children by target id; a pack that moves an id to another provider gets fresh ones. */
  /** Which price catalog the gateway books with. */
  private readonly catalogInfo = registerCatalogInfo(metricsRegistry());

  private readonly series = new Map<string, { provider: string; byStatus: Map<number, RequestSeries> }>();
  private readonly attemptsByTarget = new Map<string, AttemptSeries>();
  /** Read when scraped (collect callbacks): nothing on the hot path. */
  private readonly scraped: readonly Gauge[];
  /** The route-event publisher's errors, dead letters and oldest spooled age, read when scraped. */
  private readonly publisherSeries: readonly unknown[];

  constructor(runtime: GatewayRuntime, sink: KafkaRouteEventSink) {
    const breakerState = new Gauge({
      name: 'kt_gateway_circuit_breaker_state',
      help: 'Circuit breaker state per target of the pack in force: 0 closed, 1 half-open, 2 open.',
      labelNames: ['target', 'provider'] as const,
      registers: this.registers,
      collect() {
        // Rebuilt on every scrape: targets of a replaced pack disappear.
        this.reset();
        const { pack, breakers } = runtime.current;
        const nowMs = Date.now();
        for (const target of pack.targets) {
          const state = breakers.get(target.id).state(nowMs);
          this.set({ target: target.id, provider: target.vendor }, BREAKER_STATE_VALUE[state]);
        }
      },
    });
    const spoolRecords = new Gauge({
      name: 'kt_gateway_event_spool_records',
      help: 'Route events written to the local spool and not yet acknowledged by Kafka.',
      registers: this.registers,
      collect() {
        this.set(sink.stats().spooledRecords);
      },
    });
    const spoolBytes = new Gauge({
      name: 'kt_gateway_event_spool_bytes',
      help: 'Size of the spooled route events not yet acknowledged by Kafka.',
      registers: this.registers,
      collect() {
        this.set(sink.stats().spooledBytes);
      },
    });
    const queued = new Gauge({
      name: 'kt_gateway_event_queue_records',
      help: 'Route events waiting in memory for the next produce batch.',
      registers: this.registers,
      collect() {
        this.set(sink.stats().queued);
      },
    });
    this.scraped = [breakerState, spoolRecords, spoolBytes, queued];
    this.publisherSeries = registerPublisherMetrics('kt_gateway_event', () => sink.stats());
  }

  /** One finished request: what it was answered, who served it, what it tried and what kt itself took. */
  requestFinished(record: RouteRecord, status: number): void {
    const served = record.served?.target;
    const series = this.requestSeries(served?.id ?? NO_TARGET, served?.vendor ?? NO_TARGET, status);
    series.requests.inc();
    series.duration.observe(record.elapsedMs() / 1000);
    this.overhead.observe(record.overheadMs() / 1000);
    for (const attempt of record.attempts) {
      if (attempt.errorKind === 'circuit_open') continue;
      const series = this.attemptSeries(attempt.target.id, attempt.target.vendor);
      series.duration.observe(attempt.latencyMs / 1000);
      const outcome = attempt.errorKind ?? 'ok';
      let counter = series.outcomes.get(outcome);
      if (counter === undefined) {
        counter = this.attempts.labels({
          target: attempt.target.id,
          provider: attempt.target.vendor,
          outcome,
        });
        series.outcomes.set(outcome, counter);
      }
      counter.inc();
    }
    if (record.attempts.length > 1) {
      for (const [from, to] of fallbacksOf(record.attempts)) {
        this.fallbacks.inc({ group: record.group ?? NO_TARGET, from_target: from, to_target: to });
      }
    }
  }

  private attemptSeries(target: string, provider: string): AttemptSeries {
    let series = this.attemptsByTarget.get(target);
    if (series?.provider !== provider) {
      series = { provider, duration: this.attemptDuration.labels({ target, provider }), outcomes: new Map() };
      this.attemptsByTarget.set(target, series);
    }
    return series;
  }

  private requestSeries(target: string, provider: string, status: number): RequestSeries {
    let forTarget = this.series.get(target);
    if (forTarget?.provider !== provider) {
      forTarget = { provider, byStatus: new Map() };
      this.series.set(target, forTarget);
    }
    const byStatus = forTarget.byStatus;
    let series = byStatus.get(status);
    if (series === undefined) {
      const labels = { target, provider, status: String(status) };
      series = { requests: this.requests.labels(labels), duration: this.duration.labels(labels) };
      byStatus.set(status, series);
    }
    return series;
  }
}
