import fc from 'fast-check';

/*
 * Arbitraries for property tests of the request parsers and translators. Pure `fc.jsonValue()`
 * almost never looks like a request, so these build request-shaped values in which every field is
 * sometimes right and sometimes any JSON at all: the hostile value then sits deep in the tree,
 * where translators read it.
 */

/** Any JSON, plus the values clients most often get wrong (`undefined`: the field left out). */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, 5, 1.5, -1, 0, '', 'x', true, {}, [], [null], { type: null }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Mostly the valid value, sometimes junk. */
export function maybe<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 15, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk });
}

/** Absent, null, valid or junk: for optional fields. */
export function optional<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: maybe(valid) },
  );
}

/** One of the valid shapes, rarely junk. */
function shapes(...valid: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof(...valid.map((arbitrary) => ({ weight: 8, arbitrary })), { weight: 1, arbitrary: junk });
}

/** A record of the given fields; a field is left out when its arbitrary draws `undefined` (junk can). */
function partial(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(model)
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}

const text = fc.string({ maxLength: 12 });
const dataUrl = fc.constantFrom(
  'data:image/png;base64,AAAA',
  'data:application/pdf;base64,JVBE',
  'data:;base64,',
);
const url = fc.oneof(dataUrl, fc.constantFrom('https://example.com/cat.png', 'ftp://x', 'file-abc'), text);
const schema = fc.oneof(
  fc.constant({ type: 'object', properties: {} }),
  fc.dictionary(text, fc.jsonValue({ maxDepth: 2 })),
);

// ---- Anthropic Messages requests (the `/v1/messages` ingress) ----

const anthropicSource = partial({
  type: maybe(fc.constantFrom('base64', 'url', 'text', 'file')),
  media_type: maybe(fc.constantFrom('image/png', 'application/pdf', 'text/plain')),
  data: maybe(text),
  url: maybe(url),
});

const anthropicTextBlock = partial({ type: maybe(fc.constant('text')), text: maybe(text) });

const anthropicBlock: fc.Arbitrary<unknown> = shapes(
  anthropicTextBlock,
  partial({ type: fc.constant('image'), source: maybe(anthropicSource) }),
  partial({ type: fc.constant('document'), source: maybe(anthropicSource), title: optional(text) }),
  partial({ type: fc.constant('tool_use'), id: maybe(text), name: maybe(text), input: optional(schema) }),
  partial({
    type: fc.constant('tool_result'),
    tool_use_id: maybe(text),
    content: optional(fc.oneof(text, fc.array(fc.oneof(anthropicTextBlock, junk), { maxLength: 3 }))),
    is_error: optional(fc.boolean()),
  }),
  partial({ type: fc.constantFrom('thinking', 'redacted_thinking', 'server_tool_use', 'search_result') }),
);

const anthropicMessage = partial({
  role: maybe(fc.constantFrom('user', 'assistant')),
  content: maybe(fc.oneof(text, fc.array(anthropicBlock, { maxLength: 4 }))),
});

const anthropicTool = shapes(
  partial({
    type: optional(fc.constantFrom('custom', 'web_search_20250305')),
    name: maybe(text),
    description: optional(text),
    input_schema: maybe(schema),
  }),
);

export const anthropicRequestBody: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 30,
    arbitrary: partial({
      model: maybe(fc.constantFrom('claude', 'gpt-5.4-mini')),
      messages: maybe(fc.array(anthropicMessage, { minLength: 1, maxLength: 4 })),
      max_tokens: maybe(
        fc.oneof(
          { weight: 20, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
          { weight: 1, arbitrary: fc.constantFrom(1e17, 1_000_001, 0) },
        ),
      ),
      system: optional(fc.oneof(text, fc.array(anthropicTextBlock, { maxLength: 3 }))),
      tools: optional(fc.array(anthropicTool, { maxLength: 3 })),
      tool_choice: optional(
        partial({
          type: maybe(fc.constantFrom('auto', 'any', 'tool', 'none')),
          name: maybe(text),
          disable_parallel_tool_use: optional(fc.boolean()),
        }),
      ),
      temperature: optional(fc.double({ min: 0, max: 1, noNaN: true })),
      top_p: optional(fc.double({ min: 0, max: 1, noNaN: true })),
      top_k: optional(fc.nat(100)),
      stop_sequences: optional(fc.array(maybe(text), { maxLength: 3 })),
      stream: optional(fc.boolean()),
      metadata: optional(partial({ user_id: optional(text) })),
    }),
  },
  { weight: 1, arbitrary: junk },
);

// ---- OpenAI chat requests that passed the gateway's chat parser ----

const openAIPart: fc.Arbitrary<unknown> = shapes(
  partial({
    type: fc.constant('text'),
    text: maybe(text),
    cache_control: optional(fc.constant({ type: 'ephemeral' })),
  }),
  partial({ type: fc.constant('image_url'), image_url: maybe(partial({ url: maybe(url) })) }),
  partial({
    type: fc.constant('file'),
    file: maybe(partial({ file_data: optional(dataUrl), file_id: optional(text) })),
  }),
  partial({ type: fc.constantFrom('refusal', 'input_audio'), refusal: maybe(text) }),
);

const openAIToolCall = shapes(
  partial({
    id: maybe(text),
    type: maybe(fc.constant('function')),
    function: maybe(
      partial({
        name: maybe(text),
        arguments: optional(fc.oneof(fc.constant('{"a":1}'), fc.constant('[1]'), text)),
      }),
    ),
  }),
);

/** A chat message as the chat parser lets it through: an object with a string `role`. */
const openAIMessage = fc.record(
  {
    role: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool') },
      { weight: 1, arbitrary: text },
    ),
    content: fc.oneof(
      { weight: 8, arbitrary: maybe(fc.oneof(text, fc.array(openAIPart, { maxLength: 3 }))) },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    ),
    tool_calls: optional(fc.array(openAIToolCall, { maxLength: 2 })),
    tool_call_id: optional(text),
  },
  { requiredKeys: ['role'] },
);

const openAITool = shapes(
  partial({
    type: maybe(fc.constant('function')),
    function: maybe(
      partial({ name: maybe(text), description: optional(text), parameters: optional(schema) }),
    ),
  }),
);

export const openAIChatBody: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    model: fc.constantFrom('claude', 'gpt-5.4-mini'),
    messages: fc.array(openAIMessage, { minLength: 1, maxLength: 4 }),
    // The chat parser lets through only positive integers (or nothing) and booleans for `stream`.
    max_tokens: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    n: optional(fc.constantFrom(1, 1, 1, 1, 2, 1.5)),
    tools: optional(fc.array(openAITool, { maxLength: 3 })),
    tool_choice: optional(
      fc.oneof(
        fc.constantFrom('auto', 'none', 'required'),
        partial({ type: maybe(fc.constant('function')), function: maybe(partial({ name: maybe(text) })) }),
      ),
    ),
    parallel_tool_calls: optional(fc.boolean()),
    stop: optional(fc.oneof(text, fc.array(maybe(text), { maxLength: 3 }))),
    temperature: optional(fc.double({ min: 0, max: 2, noNaN: true })),
    top_p: optional(fc.double({ min: 0, max: 1, noNaN: true })),
    user: optional(text),
    stream: fc.boolean(),
  },
  { requiredKeys: ['model', 'messages'] },
);

// ---- Upstream answers and stream events ----

const count = fc.oneof(fc.nat(10_000), junk);

const anthropicUsage = partial({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: optional(fc.nat(100)),
  cache_creation_input_tokens: optional(fc.nat(100)),
});

export const anthropicResponse: fc.Arbitrary<unknown> = shapes(
  partial({
    id: maybe(text),
    type: maybe(fc.constant('message')),
    role: maybe(fc.constant('assistant')),
    model: maybe(text),
    content: maybe(fc.array(anthropicBlock, { maxLength: 4 })),
    stop_reason: optional(
      fc.constantFrom('end_turn', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'brand_new'),
    ),
    usage: maybe(anthropicUsage),
  }),
);

const anthropicDelta = partial({
  type: maybe(fc.constantFrom('text_delta', 'input_json_delta', 'thinking_delta', 'signature_delta')),
  text: maybe(text),
  partial_json: maybe(text),
});

export const anthropicStreamEvent: fc.Arbitrary<unknown> = shapes(
  partial({ type: fc.constant('message_start'), message: maybe(anthropicResponse) }),
  partial({
    type: fc.constant('content_block_start'),
    index: maybe(fc.nat(3)),
    content_block: maybe(anthropicBlock),
  }),
  partial({
    type: fc.constant('content_block_delta'),
    index: maybe(fc.nat(3)),
    delta: maybe(anthropicDelta),
  }),
  partial({ type: fc.constant('content_block_stop'), index: maybe(fc.nat(3)) }),
  partial({
    type: fc.constant('message_delta'),
    delta: maybe(partial({ stop_reason: optional(fc.constantFrom('end_turn', 'tool_use', 'brand_new')) })),
    usage: optional(anthropicUsage),
  }),
  partial({ type: fc.constantFrom('message_stop', 'ping') }),
  partial({ type: fc.constant('error'), error: maybe(partial({ type: maybe(text), message: maybe(text) })) }),
);

const openAIUsage = partial({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  prompt_tokens_details: optional(partial({ cached_tokens: count })),
});

const openAIToolCallDelta = shapes(
  partial({
    index: maybe(fc.nat(2)),
    id: optional(text),
    type: optional(fc.constant('function')),
    function: optional(partial({ name: optional(text), arguments: optional(text) })),
  }),
);

const openAIChoice = (field: 'delta' | 'message'): fc.Arbitrary<unknown> =>
  shapes(
    partial({
      index: maybe(fc.nat(1)),
      [field]: maybe(
        partial({
          role: optional(fc.constant('assistant')),
          content: optional(text),
          refusal: optional(text),
          tool_calls: optional(fc.array(openAIToolCallDelta, { maxLength: 2 })),
        }),
      ),
      finish_reason: optional(fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'brand_new')),
    }),
  );

export const openAIChunk: fc.Arbitrary<unknown> = shapes(
  partial({
    id: maybe(text),
    model: maybe(text),
    choices: maybe(fc.array(openAIChoice('delta'), { maxLength: 2 })),
    usage: optional(openAIUsage),
  }),
);

export const openAICompletion: fc.Arbitrary<unknown> = shapes(
  partial({
    id: maybe(text),
    model: maybe(text),
    choices: maybe(fc.array(openAIChoice('message'), { maxLength: 2 })),
    usage: optional(openAIUsage),
  }),
);
