import { producerHeaders } from '@kt/telemetry';
import type { PublishRecord } from './publish.record.js';

/**
 * The record with the active trace's `traceparent` in its headers (under a producer span), so the
 * consumer continues the trace; the spool keeps headers, so the context survives an outage too.
 * Unchanged (same object, nothing allocated) when tracing is off.
 */
export function withTraceHeaders(record: PublishRecord): PublishRecord {
  const headers = producerHeaders(record.topic, record.key);
  return headers === undefined ? record : { ...record, headers: { ...record.headers, ...headers } };
}
