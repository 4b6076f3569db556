/**
 * Anthropic Messages API shapes, as far as kt translates them. Index signatures keep fields such
 * as `cache_control` or `citations` that kt does not interpret.
 */

export interface AnthropicTextBlock {
  readonly type: 'text';
  readonly text: string;
  readonly [key: string]: unknown;
}

export type AnthropicMediaSource =
  | { readonly type: 'base64'; readonly media_type: string; readonly data: string }
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'text'; readonly media_type: 'text/plain'; readonly data: string };

export interface AnthropicImageBlock {
  readonly type: 'image';
  readonly source: AnthropicMediaSource;
  readonly [key: string]: unknown;
}

export interface AnthropicDocumentBlock {
  readonly type: 'document';
  readonly source: AnthropicMediaSource;
  readonly title?: string;
  readonly [key: string]: unknown;
}

export interface AnthropicToolUseBlock {
  readonly type: 'tool_use';
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  readonly [key: string]: unknown;
}

export interface AnthropicToolResultBlock {
  readonly type: 'tool_result';
  readonly tool_use_id: string;
  readonly content?: string | readonly (AnthropicTextBlock | AnthropicImageBlock)[];
  readonly is_error?: boolean;
  readonly [key: string]: unknown;
}

export interface AnthropicThinkingBlock {
  readonly type: 'thinking' | 'redacted_thinking';
  readonly [key: string]: unknown;
}

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock;

export interface AnthropicMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly AnthropicContentBlock[];
}

export interface AnthropicTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export type AnthropicToolChoice =
  | { readonly type: 'auto'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'any'; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'tool'; readonly name: string; readonly disable_parallel_tool_use?: boolean }
  | { readonly type: 'none' };

export interface AnthropicRequest {
  readonly model: string;
  readonly messages: readonly AnthropicMessage[];
  readonly max_tokens: number;
  readonly system?: string | readonly AnthropicTextBlock[];
  readonly stop_sequences?: readonly string[];
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly stream?: boolean;
  readonly tools?: readonly AnthropicTool[];
  readonly tool_choice?: AnthropicToolChoice;
  readonly metadata?: { readonly user_id?: string };
  readonly [key: string]: unknown;
}

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface AnthropicUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly [key: string]: unknown;
}

export interface AnthropicResponse {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly AnthropicContentBlock[];
  readonly stop_reason: AnthropicStopReason | null;
  readonly stop_sequence: string | null;
  readonly usage: AnthropicUsage;
  readonly [key: string]: unknown;
}

export type AnthropicDelta =
  | { readonly type: 'text_delta'; readonly text: string }
  | { readonly type: 'input_json_delta'; readonly partial_json: string }
  | { readonly type: 'thinking_delta'; readonly thinking: string }
  | { readonly type: 'signature_delta'; readonly signature: string }
  | { readonly type: 'citations_delta'; readonly citation: unknown };

export interface AnthropicErrorDetail {
  readonly type: string;
  readonly message: string;
}

/** The events of a streamed Messages response, in the order Anthropic sends them. */
export type AnthropicStreamEvent =
  | { readonly type: 'message_start'; readonly message: AnthropicResponse }
  | {
      readonly type: 'content_block_start';
      readonly index: number;
      readonly content_block: AnthropicContentBlock;
    }
  | { readonly type: 'content_block_delta'; readonly index: number; readonly delta: AnthropicDelta }
  | { readonly type: 'content_block_stop'; readonly index: number }
  | {
      readonly type: 'message_delta';
      readonly delta: {
        readonly stop_reason: AnthropicStopReason | null;
        readonly stop_sequence: string | null;
      };
      readonly usage?: Partial<AnthropicUsage>;
    }
  | { readonly type: 'message_stop' }
  | { readonly type: 'ping' }
  | { readonly type: 'error'; readonly error: AnthropicErrorDetail };

/** Anthropic's error body, also the payload of a streamed `error` event. */
export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: AnthropicErrorDetail;
}
