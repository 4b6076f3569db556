import type { ReportedUsage } from '@kt/contracts';
import type { ChatCompletionChunk, FinishReason } from '../openai/openai.types.js';
import type { Vendor } from '@kt/contracts';

/** The target of one attempt, as the gateway resolved it from the pack. */
export interface UpstreamTarget {
  readonly id: string;
  readonly vendor: Vendor;
  /** The upstream model; for Azure, the deployment name. */
  readonly model: string;
  readonly baseUrl?: string;
  /** Azure `api-version`. */
  readonly apiVersion?: string;
  /** The target's own limit (pack `timeout_ms`); overrides `timeouts.totalMs` when set. */
  readonly timeoutMs?: number;
}

/**
 * `totalMs` bounds the whole exchange (headers and body, the whole stream included);
 * `firstTokenMs` bounds a stream until its first chunk.
 */
export interface UpstreamTimeouts {
  readonly connectMs: number;
  readonly totalMs: number;
  readonly firstTokenMs: number;
}

export interface UpstreamCall<B> {
  readonly target: UpstreamTarget;
  readonly apiKey: string;
  /** OpenAI-shaped request; fields kt does not know are passed through. */
  readonly body: B;
  /** Aborted when the client goes away: the upstream request is cancelled and its socket closed. */
  readonly signal: AbortSignal;
  readonly timeouts: UpstreamTimeouts;
}

/**
 * Token counts as the upstream reported them, made consistent by the readers: every count a
 * non-negative safe integer, and each part no larger than its whole, so pricing never refuses them.
 */
export type TokenUsage = ReportedUsage;

export interface UpstreamResponse<B> {
  readonly status: number;
  /** OpenAI-shaped, already translated for Anthropic. */
  readonly body: B;
  readonly usage: TokenUsage | null;
  readonly upstreamModel: string;
  readonly upstreamRequestId: string | null;
}

/**
 * Text the upstream generated, and bills as output, that the client was never sent: Anthropic's
 * thinking, which the OpenAI translation drops. Kept up to a bound; past it only counted.
 */
export interface HiddenText {
  readonly text: string;
  readonly omittedChars: number;
}

/**
 * OpenAI `chat.completion.chunk`s (translated for Anthropic), read once. Iteration throws an
 * `UpstreamError` (`stream_cut`, `timeout`, `aborted`, …) when the stream does not end properly.
 */
export interface UpstreamStream extends AsyncIterable<ChatCompletionChunk> {
  readonly status: number;
  readonly upstreamModel: string;
  readonly upstreamRequestId: string | null;
  /** Complete once iteration has finished without throwing. */
  readonly usage: TokenUsage | null;
  /** The upstream sent its final usage; false for a stream cut before it (`usage` is then partial or null). */
  readonly usageComplete: boolean;
  readonly finishReason: FinishReason | null;
  /** What the upstream generated that no chunk carries (Anthropic thinking), for estimates. */
  readonly hiddenText?: HiddenText;
  /** Stops reading and closes the upstream connection; breaking out of `for await` does the same. */
  close(): void;
}
