import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { metricsRegistry } from '@kt/telemetry';
import type { RefusalReason } from '../errors/refusal.reason.js';

export type { RefusalReason } from '../errors/refusal.reason.js';

/**
 * What the ingress refuses without a route event: unauthenticated and unparsable requests are
 * counted here (and logged), never recorded in the ledger with content a stranger chose.
 */
@Injectable()
export class IngressMetrics {
  private readonly refused = new Counter({
    name: 'kt_gateway_refused_requests_total',
    help: 'Requests refused before routing (no route event), by reason and HTTP status.',
    labelNames: ['reason', 'status'] as const,
    registers: [metricsRegistry()],
  });

  private readonly ignoredIds = new Counter({
    name: 'kt_gateway_ignored_request_ids_total',
    help: 'Caller x-request-id headers ignored for breaking the caps (over 128 characters or outside [A-Za-z0-9._:-]).',
    registers: [metricsRegistry()],
  });

  refusedRequest(reason: RefusalReason, status: number): void {
    this.refused.inc({ reason, status: String(status) });
  }

  ignoredRequestId(): void {
    this.ignoredIds.inc();
  }
}
