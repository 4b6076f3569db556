import { Injectable } from '@nestjs/common';
import type { ChatRequest, UpstreamError, UpstreamStream } from '@kt/providers';
import type { FastifyReply } from 'fastify';
import type { RouteRecord } from '../events/route.record.js';
import { RouteResponder } from '../http/route.responder.js';
import { SseWriter } from '../http/sse.writer.js';
import { RouteExecutor } from '../routing/route.executor.js';
import type { Served } from '../routing/served.js';
import type { ChatDialect } from './chat.dialect.js';
import { DeliveredText } from './delivered.text.js';
import { relayStream } from './stream.relay.js';
import { billedStreamUsage } from './stream.usage.js';

/**
 * A served stream from its first byte on: relayed to the client in its dialect, counted when the
 * upstream never reports usage, settled, and recorded. From here a failure can no longer fall back,
 * only be reported.
 */
@Injectable()
export class ChatStreamer {
  constructor(
    private readonly executor: RouteExecutor,
    private readonly responder: RouteResponder,
  ) {}

  async relay(
    served: Served<UpstreamStream>,
    record: RouteRecord,
    chat: ChatRequest,
    signal: AbortSignal,
    reply: FastifyReply,
    dialect: ChatDialect,
  ): Promise<void> {
    const encoder = dialect.streamEncoder(chat);
    const writer = new SseWriter(reply, this.responder.headers(record));
    const upstream = served.result;
    const began = performance.now() - served.attempt.latencyMs;
    // What the client got, to be billed by if the upstream never reports its usage.
    const delivered = new DeliveredText();
    let failure: UpstreamError | undefined;
    try {
      failure = await relayStream(upstream, (data) => writer.write(data), encoder, delivered, signal);
    } finally {
      upstream.close();
      writer.end();
    }
    const durationMs = performance.now() - began;
    record.waited(durationMs - served.attempt.latencyMs);
    // Counting happens after the client has its answer: kept out of overhead_ms, which is the
    // latency kt adds to the client's request.
    const countingBegan = performance.now();
    const billed = await billedStreamUsage(upstream, delivered, chat, served.target);
    record.workedAfterResponse(performance.now() - countingBegan);
    this.executor.settleStream(served, { ...billed, error: failure, durationMs });
    const runtime = served.runtime;
    if (!failure) {
      this.responder.finish(record, runtime, { status: 200, errorCode: null, rejected: false });
    } else if (failure.errorKind === 'aborted') {
      this.responder.finish(record, runtime, { status: 499, errorCode: null, rejected: false });
    } else {
      this.responder.finish(record, runtime, { status: 200, errorCode: 'upstream_error', rejected: false });
    }
  }
}
