/**
 * The gateway's canonical wire format: OpenAI Chat Completions and Embeddings. Only the fields kt
 * reads or writes are typed; the index signatures keep every other field a client or an upstream
 * sends, so pass-through never drops anything.
 */

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
  readonly [key: string]: unknown;
}

export interface ImageUrlPart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string; readonly detail?: 'auto' | 'low' | 'high' };
}

export interface FilePart {
  readonly type: 'file';
  readonly file: { readonly file_data?: string; readonly file_id?: string; readonly filename?: string };
}

export interface RefusalPart {
  readonly type: 'refusal';
  readonly refusal: string;
}

export interface InputAudioPart {
  readonly type: 'input_audio';
  readonly input_audio: { readonly data: string; readonly format: string };
}

export type UserContentPart = TextPart | ImageUrlPart | FilePart | InputAudioPart;

export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export interface SystemMessage {
  readonly role: 'system' | 'developer';
  readonly content: string | readonly TextPart[];
  readonly name?: string;
}

export interface UserMessage {
  readonly role: 'user';
  readonly content: string | readonly UserContentPart[];
  readonly name?: string;
}

export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content?: string | readonly (TextPart | RefusalPart)[] | null;
  readonly tool_calls?: readonly ToolCall[] | null;
  readonly refusal?: string | null;
  readonly name?: string;
}

export interface ToolMessage {
  readonly role: 'tool';
  readonly content: string | readonly TextPart[];
  readonly tool_call_id: string;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface FunctionTool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters?: Readonly<Record<string, unknown>>;
    readonly strict?: boolean | null;
  };
}

export type ToolChoice =
  'auto' | 'none' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } };

export interface StreamOptions {
  readonly include_usage?: boolean;
  readonly [key: string]: unknown;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream?: boolean | null;
  readonly stream_options?: StreamOptions | null;
  readonly max_tokens?: number | null;
  readonly max_completion_tokens?: number | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly stop?: string | readonly string[] | null;
  readonly tools?: readonly FunctionTool[];
  readonly tool_choice?: ToolChoice;
  readonly parallel_tool_calls?: boolean;
  readonly user?: string;
  readonly n?: number | null;
  readonly [key: string]: unknown;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAIUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details?: {
    readonly cached_tokens?: number;
    readonly [key: string]: unknown;
  } | null;
  readonly completion_tokens_details?: {
    readonly reasoning_tokens?: number;
    readonly [key: string]: unknown;
  } | null;
  readonly [key: string]: unknown;
}

export interface ResponseMessage {
  readonly role: 'assistant';
  readonly content: string | null;
  readonly tool_calls?: readonly ToolCall[];
  readonly refusal?: string | null;
  readonly [key: string]: unknown;
}

export interface ChatChoice {
  readonly index: number;
  readonly message: ResponseMessage;
  readonly finish_reason: FinishReason | null;
  readonly logprobs?: unknown;
  readonly [key: string]: unknown;
}

export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly ChatChoice[];
  readonly usage?: OpenAIUsage | null;
  readonly [key: string]: unknown;
}

export interface ToolCallDelta {
  readonly index: number;
  readonly id?: string;
  readonly type?: 'function';
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

export interface ChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string | null;
  readonly tool_calls?: readonly ToolCallDelta[];
  readonly refusal?: string | null;
  readonly [key: string]: unknown;
}

export interface ChunkChoice {
  readonly index: number;
  readonly delta: ChunkDelta;
  readonly finish_reason: FinishReason | null;
  readonly logprobs?: unknown;
  readonly [key: string]: unknown;
}

export interface ChatCompletionChunk {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly ChunkChoice[];
  readonly usage?: OpenAIUsage | null;
  readonly [key: string]: unknown;
}

export interface EmbeddingsRequest {
  readonly model: string;
  readonly input: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  readonly [key: string]: unknown;
}

export interface EmbeddingsResponse {
  readonly object: 'list';
  readonly data: readonly {
    readonly object: 'embedding';
    readonly index: number;
    readonly embedding: readonly number[] | string;
  }[];
  readonly model: string;
  readonly usage?: { readonly prompt_tokens: number; readonly total_tokens: number } | null;
  readonly [key: string]: unknown;
}

/** The error body OpenAI (and the gateway) answer with. */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}
