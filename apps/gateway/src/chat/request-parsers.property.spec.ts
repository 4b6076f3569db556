import fc from 'fast-check';
import { MAX_CHOICES, MAX_OUTPUT_TOKENS } from '@kt/contracts';
import type { ChatRequest } from '@kt/providers';
import { describe, expect, it } from 'vitest';
import { chatUsageBound } from '../budgets/usage.bound.js';
import { parseEmbeddingsRequest } from '../embeddings/embeddings-request.parser.js';
import { GatewayError } from '../errors/gateway.error.js';
import { promptText } from '../semantic/prompt.text.js';
import { parseChatRequest } from './chat-request.parser.js';

/*
 * Whatever JSON a client sends, a parser returns a request or throws a GatewayError with a 4xx
 * naming the field (the body itself when it is no object) — never a TypeError, a RangeError or
 * anything a handler would turn into a 5xx.
 */

type Parser = (body: unknown) => unknown;

function outcome(parse: Parser, body: unknown): 'parsed' | 'refused' {
  try {
    parse(body);
    return 'parsed';
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const failure = error as GatewayError;
    expect(failure.status).toBeGreaterThanOrEqual(400);
    expect(failure.status).toBeLessThan(500);
    const param = failure.toBody().error.param;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      expect(typeof param).toBe('string');
      expect(failure.message.startsWith(`${param as string}: expected`)).toBe(true);
    }
    return 'refused';
  }
}

/** Any JSON value, strings with NULs and lone surrogates included. */
const json = fc.jsonValue({ maxDepth: 6 });
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('NaN'), fc.constant('1e17'));
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 1e17, Number.MAX_SAFE_INTEGER, MAX_OUTPUT_TOKENS, MAX_CHOICES + 1),
);
const anyField = fc.oneof(json, text, number, fc.constant(null), fc.constant(undefined));

/** A deep structure, arrays and objects mixed, far beyond what any SDK sends. */
const deep = fc.integer({ min: 1, max: 3000 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
});

const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function'), anyField),
    content: fc.oneof(
      text,
      anyField,
      fc.array(
        fc.record(
          {
            type: fc.oneof(fc.constantFrom('text', 'image_url', 'refusal'), anyField),
            text: anyField,
            image_url: anyField,
            refusal: anyField,
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    name: anyField,
    tool_call_id: anyField,
    tool_calls: fc.oneof(
      anyField,
      fc.array(
        fc.record(
          {
            id: anyField,
            function: fc.oneof(
              anyField,
              fc.record({ name: anyField, arguments: anyField }, { requiredKeys: [] }),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);

/** Nearly valid chat bodies: every field SDKs send, each sometimes right, sometimes anything. */
const chatBody = fc.record(
  {
    model: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), anyField),
    messages: fc.oneof(fc.array(message, { minLength: 1, maxLength: 4 }), anyField, deep),
    max_tokens: fc.oneof(number, anyField),
    max_completion_tokens: fc.oneof(number, anyField),
    n: fc.oneof(number, anyField),
    stream: anyField,
    temperature: fc.oneof(number, anyField),
    stop: anyField,
    tools: fc.oneof(
      anyField,
      fc.array(
        fc.record(
          {
            type: fc.oneof(fc.constant('function'), anyField),
            function: fc.oneof(
              anyField,
              fc.record({ name: anyField, parameters: anyField }, { requiredKeys: [] }),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    tool_choice: anyField,
    extra: fc.oneof(anyField, deep),
  },
  { requiredKeys: [] },
);

const embeddingsBody = fc.record(
  {
    model: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), anyField),
    input: fc.oneof(anyField, deep, fc.array(fc.oneof(text, number, fc.array(number)))),
    encoding_format: anyField,
    dimensions: fc.oneof(number, anyField),
    user: anyField,
  },
  { requiredKeys: [] },
);

describe('the request parsers, on arbitrary input', () => {
  it('chat: any JSON value is parsed or refused with a 4xx naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(json, deep, text), (body) => void outcome(parseChatRequest, body)),
      {
        numRuns: 500,
      },
    );
  });

  it('chat: nearly valid bodies too; and what parses has a finite, bounded reservation size', () => {
    fc.assert(
      fc.property(chatBody, (body) => {
        if (outcome(parseChatRequest, body) === 'refused') return;
        const chat = parseChatRequest(body) as ChatRequest;
        // What kt itself reads of a parsed request must never throw: the semantic router's prompt.
        expect(typeof promptText(chat)).toBe('string');
        const bound = chatUsageBound(chat);
        expect(Number.isSafeInteger(bound.inputTokens)).toBe(true);
        if (bound.outputTokens !== null) {
          expect(Number.isSafeInteger(bound.outputTokens)).toBe(true);
          expect(bound.outputTokens).toBeLessThanOrEqual(MAX_OUTPUT_TOKENS * MAX_CHOICES);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('embeddings: any JSON value, and nearly valid bodies, are parsed or refused with a 4xx naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(json, deep, text), (body) => void outcome(parseEmbeddingsRequest, body)),
      {
        numRuns: 500,
      },
    );
    fc.assert(
      fc.property(embeddingsBody, (body) => void outcome(parseEmbeddingsRequest, body)),
      {
        numRuns: 1000,
      },
    );
  });
});
