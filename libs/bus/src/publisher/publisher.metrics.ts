import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@kt/telemetry';
import type { PublisherStats } from './event.publisher.js';

/**
 * The publisher's health series, read from its stats when scraped (nothing on the publish path):
 * `<prefix>_publish_errors_total{reason}`, `<prefix>_dead_lettered_total{to}` and
 * `<prefix>_spool_oldest_age_seconds`. `prefix` names the app's events, e.g. `kt_gateway_event`.
 */
export function registerPublisherMetrics(prefix: string, stats: () => PublisherStats): readonly unknown[] {
  const registers = [metricsRegistry()];
  return [
    new Counter({
      name: `${prefix}_publish_errors_total`,
      help: 'Publisher errors by reason: the broker error type (MESSAGE_TOO_LARGE, …), broker_unreachable, spool_io, dead_lettered, …',
      labelNames: ['reason'] as const,
      registers,
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(stats().errors)) this.inc({ reason }, count);
      },
    }),
    new Counter({
      name: `${prefix}_dead_lettered_total`,
      help: 'Records that can never be published, by where their dead letter went: the kt.dead-letter.v1 topic (queued) or the local file; dropped = rotated out of the file.',
      labelNames: ['to'] as const,
      registers,
      collect() {
        this.reset();
        const s = stats();
        this.inc({ to: 'topic' }, s.deadLettered - s.deadLetterFileRecords);
        this.inc({ to: 'file' }, s.deadLetterFileRecords);
        this.inc({ to: 'dropped' }, s.deadLetterFileDropped);
      },
    }),
    new Gauge({
      name: `${prefix}_spool_oldest_age_seconds`,
      help: 'How long the oldest record on the local spool has waited for Kafka; 0 when the spool is empty.',
      registers,
      collect() {
        this.set(stats().oldestSpooledAgeMs / 1000);
      },
    }),
  ];
}
