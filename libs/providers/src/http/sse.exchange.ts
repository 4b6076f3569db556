import type { Dispatcher } from 'undici';
import type { ChatCompletionChunk, FinishReason } from '../openai/openai.types.js';
import { SseDecoder } from '../sse/sse.decoder.js';
import { UpstreamError } from '../upstream/upstream.error.js';
import type { HiddenText, TokenUsage, UpstreamStream } from '../upstream/upstream.types.js';
import type { ChunkSource } from './chunk.source.js';
import { Exchange } from './exchange.js';
import { asUpstreamError } from './thrown-error.reader.js';
import { isSuccess, statusError } from './status.error.js';
import type { UpstreamHttp } from './upstream.http.js';
import { requestIdOf, type CallLimits, type UpstreamRequest } from './upstream.request.js';

/** A well-behaved upstream ends the body right after its terminal event; waiting longer is not worth a socket. */
const DRAIN_MS = 1_000;

/**
 * POSTs a streaming request and resolves once the first chunk arrived, all within the
 * time-to-first-token limit (and the total). The rest of the stream is bounded by the total.
 */
export async function openSseStream(
  http: UpstreamHttp,
  request: UpstreamRequest,
  limits: CallLimits,
  source: ChunkSource,
  fallbackModel: string,
): Promise<UpstreamStream> {
  const exchange = new Exchange(limits.signal);
  const firstMs = Math.min(limits.firstTokenMs, limits.totalMs);
  exchange.deadlineIn(firstMs);
  const deadline = `no first token within ${firstMs} ms`;
  let response: Dispatcher.ResponseData;
  try {
    response = await http.post({
      url: request.url,
      headers: { ...request.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(request.body),
      connectMs: limits.connectMs,
      signal: exchange.signal,
    });
    const { statusCode: status, headers } = response;
    if (!isSuccess(status))
      throw statusError(status, headers, await response.body.text(), request.label, limits.apiKey);
    const type = headers['content-type'];
    if (typeof type === 'string' && !type.includes('text/event-stream')) {
      await response.body.dump();
      throw new UpstreamError(
        'malformed_response',
        `${request.label}: expected an event stream, got ${type.split(';')[0]}`,
        { status },
      );
    }
  } catch (error) {
    exchange.finish();
    throw asUpstreamError(error, {
      label: request.label,
      stopped: exchange.reason,
      deadline,
      streaming: false,
    });
  }
  const stream = new SseChunkStream(response, exchange, source, request.label, fallbackModel, deadline);
  await stream.start(limits.totalMs);
  return stream;
}

class SseChunkStream implements UpstreamStream {
  readonly status: number;
  readonly upstreamRequestId: string | null;
  private readonly body: Dispatcher.ResponseData['body'];
  private readonly chunks: AsyncGenerator<ChatCompletionChunk, void, undefined>;
  private first: IteratorResult<ChatCompletionChunk, void> | null = null;
  private iterated = false;
  private complete = false;

  constructor(
    response: Dispatcher.ResponseData,
    private readonly exchange: Exchange,
    private readonly source: ChunkSource,
    private readonly label: string,
    private readonly fallbackModel: string,
    private deadline: string,
  ) {
    this.status = response.statusCode;
    this.upstreamRequestId = requestIdOf(response.headers);
    this.body = response.body;
    this.chunks = this.read();
  }

  get upstreamModel(): string {
    return this.source.model ?? this.fallbackModel;
  }

  get usage(): TokenUsage | null {
    return this.source.usage;
  }

  get usageComplete(): boolean {
    return this.source.usageComplete;
  }

  get finishReason(): FinishReason | null {
    return this.source.finishReason;
  }

  get hiddenText(): HiddenText | undefined {
    return this.source.hiddenText;
  }

  /** Waits for the first chunk under the first-token deadline, then arms the total. */
  async start(totalMs: number): Promise<void> {
    this.first = await this.chunks.next();
    this.deadline = `stream not finished within ${totalMs} ms`;
    if (!this.first.done) this.exchange.deadlineIn(this.exchange.remaining(totalMs));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    if (this.iterated) throw new Error(`${this.label}: an upstream stream can be read once`);
    this.iterated = true;
    try {
      const first = this.first;
      this.first = null;
      if (first === null || first.done) return;
      yield first.value;
      yield* this.chunks;
    } finally {
      // A consumer that stops early (break, client gone) closes the upstream socket here.
      await this.chunks.return();
    }
  }

  /** A no-op once the stream completed, so a `finally { close() }` keeps the socket for reuse. */
  close(): void {
    if (this.complete) return;
    this.exchange.cancel();
    void this.chunks.return();
  }

  private async *read(): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    const decoder = new SseDecoder();
    try {
      for await (const bytes of this.body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        for (const event of decoder.push(bytes)) {
          for (const chunk of this.source.push(event)) yield chunk;
          if (this.source.ended) {
            this.complete = true;
            return;
          }
        }
      }
      throw new UpstreamError('stream_cut', `${this.label}: stream ended before its terminal event`, {
        status: this.status,
      });
    } catch (error) {
      throw asUpstreamError(error, {
        label: this.label,
        stopped: this.exchange.reason,
        deadline: this.deadline,
        streaming: true,
        status: this.status,
      });
    } finally {
      if (this.complete) this.drain();
      else {
        this.exchange.finish();
        // undici turns a destroy before the end into an 'error' event; it is already handled above.
        this.body.on('error', ignore).destroy();
      }
    }
  }

  /** Reads what follows the terminal event so the keep-alive socket can serve the next request. */
  private drain(): void {
    this.exchange.deadlineIn(DRAIN_MS);
    this.body
      .dump({ signal: this.exchange.signal, limit: Number.MAX_SAFE_INTEGER })
      .catch(ignore)
      .finally(() => this.exchange.finish());
  }
}

function ignore(): void {}
