import { describe, expect, it } from 'vitest';
import { routeCompleted, routeFailed, routeRejected } from '../fixtures/events.fixture.js';
import { mutate, REMOVE } from '../fixtures/record-mutator.fixture.js';
import { MAX_IDENTIFIER_CHARS, MAX_MODEL_CHARS } from '../caps/client-input.caps.js';
import { decodeRouteEvent } from './route.decoder.js';

const json = (value: unknown): string => JSON.stringify(value);

describe('decodeRouteEvent', () => {
  it.each([
    ['a completed request served after two failed attempts', routeCompleted],
    ['a request whose every attempt failed', routeFailed],
    ['a request the gateway rejected before any attempt', routeRejected],
  ])('decodes %s from bytes, text and parsed JSON alike', (_name, event) => {
    for (const input of [Buffer.from(json(event)), json(event), JSON.parse(json(event))]) {
      expect(decodeRouteEvent(input)).toEqual({ ok: true, value: event });
    }
  });

  it('drops fields it does not know, so additive changes need no new schema version', () => {
    const result = decodeRouteEvent({ ...routeCompleted, added_later: 1 });
    expect(result).toEqual({ ok: true, value: routeCompleted });
  });

  it.each([
    [
      'a missing field',
      mutate(routeCompleted, 'request_id', REMOVE),
      'request_id: expected a non-empty string, got missing',
    ],
    [
      'a negative latency',
      mutate(routeCompleted, 'attempts.0.latency_ms', -3),
      'attempts[0].latency_ms: expected a number >= 0, got -3',
    ],
    [
      'a latency of the wrong type',
      mutate(routeCompleted, 'attempts.1.latency_ms', '800'),
      'attempts[1].latency_ms: expected a number >= 0, got a string',
    ],
    [
      'a negative time to first token',
      mutate(routeCompleted, 'attempts.2.ttft_ms', -1),
      'attempts[2].ttft_ms: expected a number >= 0 or null, got -1',
    ],
    [
      'a fractional money string',
      mutate(routeCompleted, 'cost.micro_usd', '48.96'),
      'cost.micro_usd: expected a non-negative integer micro-USD string like "1234", got a string',
    ],
    [
      'money sent as a JSON number',
      mutate(routeCompleted, 'cost.micro_usd', 4896),
      'cost.micro_usd: expected a non-negative integer micro-USD string like "1234", got 4896',
    ],
    [
      'money beyond int64',
      mutate(routeCompleted, 'attempts.2.cost_micro_usd', '9223372036854775808'),
      'attempts[2].cost_micro_usd: expected a non-negative integer micro-USD string like "1234", got a string',
    ],
    [
      'a negative cost',
      mutate(routeCompleted, 'cost.micro_usd', '-5'),
      'cost.micro_usd: expected a non-negative integer micro-USD string like "1234", got a string',
    ],
    [
      'a time with an offset instead of Z',
      mutate(routeCompleted, 'occurred_at', '2025-03-01T13:00:01+01:00'),
      'occurred_at: expected an RFC 3339 UTC timestamp ending in Z, got a string',
    ],
    [
      'a time without a zone',
      mutate(routeCompleted, 'attempts.0.started_at', '2025-03-01T12:00:00'),
      'attempts[0].started_at: expected an RFC 3339 UTC timestamp ending in Z, got a string',
    ],
    [
      'an unknown schema version',
      mutate(routeCompleted, 'schema', 'kt.route.v9'),
      'unknown schema "kt.route.v9"',
    ],
    [
      'a missing schema',
      mutate(routeCompleted, 'schema', REMOVE),
      'schema: expected "kt.route.v1", got missing',
    ],
    [
      'an unknown type',
      mutate(routeCompleted, 'type', 'route.exploded'),
      'unknown type "route.exploded" for schema "kt.route.v1"',
    ],
    [
      'an event id that is not a UUID',
      mutate(routeCompleted, 'event_id', 'evt-1'),
      'event_id: expected a UUID, got a string',
    ],
    [
      'an unknown endpoint',
      mutate(routeCompleted, 'endpoint', 'completions'),
      'endpoint: expected one of "chat.completions", "embeddings", "messages", got a string',
    ],
    [
      'a completed request with no served target',
      mutate(routeCompleted, 'served', null),
      'served: expected the served target on "route.completed", got null',
    ],
    [
      'a completed request with an error code',
      mutate(routeCompleted, 'error_code', 'upstream_error'),
      'error_code: expected null on "route.completed", got a string',
    ],
    [
      'a failed request with a served target',
      mutate(routeFailed, 'served', routeCompleted.served),
      'served: expected null on "route.failed", got an object',
    ],
    [
      'a rejected request without an error code',
      mutate(routeRejected, 'error_code', null),
      'error_code: expected one of "model_not_found", "invalid_request_error", "unauthorized", "budget_exceeded", "rate_limited", "payload_too_large", "upstream_error", "no_healthy_target", "data_policy_violation", got null',
    ],
    [
      'a successful attempt with an error kind',
      mutate(routeCompleted, 'attempts.2.error_kind', 'timeout'),
      'attempts[2].error_kind: expected null when outcome is "ok", got a string',
    ],
    [
      'a failed attempt without an error kind',
      mutate(routeCompleted, 'attempts.0.error_kind', null),
      'attempts[0].error_kind: expected an error kind when outcome is "error", got null',
    ],
    [
      'an attempt that is not an object',
      mutate(routeCompleted, 'attempts.2', 42),
      'attempts[2]: expected an object, got 42',
    ],
    [
      'an HTTP status out of range',
      mutate(routeCompleted, 'status', 700),
      'status: expected an integer between 100 and 599, got 700',
    ],
    [
      'a fractional token count',
      mutate(routeCompleted, 'usage.total_tokens', 97.5),
      'usage.total_tokens: expected an integer >= 0, got 97.5',
    ],
    [
      'a token count in attempt usage of the wrong type',
      mutate(routeCompleted, 'attempts.2.usage.output_tokens', null),
      'attempts[2].usage.output_tokens: expected an integer >= 0, got null',
    ],
    [
      'a pack digest in upper case',
      mutate(routeCompleted, 'pack.sha256', 'A'.repeat(64)),
      'pack.sha256: expected a lowercase hex SHA-256 (64 chars), got a string',
    ],
    [
      'a team of the wrong type',
      mutate(routeCompleted, 'caller.team', 7),
      'caller.team: expected a non-empty string or null, got 7',
    ],
    [
      'another currency',
      mutate(routeCompleted, 'cost.currency', 'EUR'),
      'cost.currency: expected "USD", got a string',
    ],
    [
      'an unknown price source',
      mutate(routeCompleted, 'cost.priced_by', 'guess'),
      'cost.priced_by: expected one of "provider", "pack", "catalog", "estimate", "unpriced", got a string',
    ],
    [
      'attempts that are not a list',
      mutate(routeCompleted, 'attempts', {}),
      'attempts: expected an array, got an object',
    ],
    [
      'a missing gateway instance',
      mutate(routeCompleted, 'gateway.instance_id', ''),
      'gateway.instance_id: expected a non-empty string, got an empty string',
    ],
    [
      'a day that does not exist',
      mutate(routeCompleted, 'occurred_at', '2025-02-31T00:00:00Z'),
      'occurred_at: expected an RFC 3339 UTC timestamp ending in Z, got a string',
    ],
    [
      'a time finer than microseconds (PostgreSQL would round it)',
      mutate(routeCompleted, 'occurred_at', '2025-03-31T23:59:59.9999995Z'),
      'occurred_at: expected an RFC 3339 UTC timestamp ending in Z, got a string',
    ],
    [
      'a requested model holding U+0000',
      mutate(routeCompleted, 'requested_model', 'a\u0000b'),
      'requested_model: expected text without U+0000 or unpaired surrogates, got a string',
    ],
    [
      'an unpaired surrogate deep in an attempt',
      mutate(routeCompleted, 'attempts.1.upstream_model', 'x\ud800'),
      'attempts[1].upstream_model: expected text without U+0000 or unpaired surrogates, got a string',
    ],
    [
      'U+0000 in a key of an unknown field',
      mutate(routeCompleted, 'extra', { 'k\u0000': 1 }),
      'extra (a key): expected text without U+0000 or unpaired surrogates, got a string',
    ],
    [
      'a requested model over the cap (it could never be indexed or published)',
      mutate(routeCompleted, 'requested_model', 'm'.repeat(MAX_MODEL_CHARS + 1)),
      `requested_model: expected at most ${MAX_MODEL_CHARS} characters, got ${MAX_MODEL_CHARS + 1}`,
    ],
    [
      'a 1.3 MB requested model',
      mutate(routeRejected, 'requested_model', 'm'.repeat(1_300_000)),
      `requested_model: expected at most ${MAX_MODEL_CHARS} characters, got 1300000`,
    ],
    [
      'a request id over the identifier cap',
      mutate(routeCompleted, 'request_id', 'r'.repeat(MAX_IDENTIFIER_CHARS + 1)),
      `request_id: expected at most ${MAX_IDENTIFIER_CHARS} characters, got ${MAX_IDENTIFIER_CHARS + 1}`,
    ],
    [
      'an oversized upstream model in an attempt',
      mutate(routeCompleted, 'attempts.1.upstream_model', 'u'.repeat(300_000)),
      `attempts[1].upstream_model: expected at most ${MAX_IDENTIFIER_CHARS} characters, got 300000`,
    ],
    [
      'an oversized team',
      mutate(routeCompleted, 'caller.team', 't'.repeat(MAX_IDENTIFIER_CHARS + 1)),
      `caller.team: expected at most ${MAX_IDENTIFIER_CHARS} characters, got ${MAX_IDENTIFIER_CHARS + 1}`,
    ],
    [
      'a caller request id over 128 characters',
      mutate(routeCompleted, 'client_request_id', 'c'.repeat(129)),
      'client_request_id: expected at most 128 characters of A-Z a-z 0-9 . _ : -, got a string',
    ],
    [
      'a caller request id outside the safe charset',
      mutate(routeCompleted, 'client_request_id', 'a b\n'),
      'client_request_id: expected at most 128 characters of A-Z a-z 0-9 . _ : -, got a string',
    ],
  ])('refuses %s', (_name, record, reason) => {
    expect(decodeRouteEvent(Buffer.from(json(record)))).toEqual({ ok: false, reason });
    expect(decodeRouteEvent(record)).toEqual({ ok: false, reason });
  });

  it.each([
    ['truncated JSON text', '{"schema":"kt.route.v1",', /^invalid JSON/],
    ['bytes that are not JSON', Buffer.from([0xff, 0xfe, 0x00]), /^invalid JSON/],
    ['an empty value', Buffer.alloc(0), /^invalid JSON/],
    ['a JSON array', '[1,2]', /^expected a JSON object, got an array$/],
    ['a JSON null', 'null', /^expected a JSON object, got null$/],
    ['a number passed in directly', 42, /^expected a JSON object, got number$/],
  ])('refuses %s without throwing', (_name, input, reason) => {
    const result = decodeRouteEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('never repeats string values in a reason, so a stray secret stays out of logs', () => {
    const secret = 'sk-proj-very-secret-value';
    const reasons = [
      decodeRouteEvent(mutate(routeCompleted, 'event_id', secret)),
      decodeRouteEvent(mutate(routeCompleted, 'cost.micro_usd', secret)),
      decodeRouteEvent(`{"request_id":"${secret}",`),
    ].map((result) => (result.ok ? '' : result.reason));
    expect(reasons.every((reason) => reason.length > 0 && !reason.includes(secret))).toBe(true);
  });

  it('keeps a caller request id that fits the caps, and a model of exactly the cap', () => {
    const event = {
      ...routeCompleted,
      client_request_id: 'caller-42:a.b_c',
      requested_model: 'm'.repeat(MAX_MODEL_CHARS),
    };
    expect(decodeRouteEvent(json(event))).toEqual({ ok: true, value: event });
  });

  it('keeps the live price catalog and an estimated price, and bounds the catalog names', () => {
    const event = {
      ...routeCompleted,
      cost: {
        ...routeCompleted.cost,
        priced_by: 'estimate',
        catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
      },
    };
    expect(decodeRouteEvent(json(event))).toEqual({ ok: true, value: event });
    const long = {
      ...event,
      cost: { ...event.cost, catalog: { name: 'n', version: 'v'.repeat(MAX_IDENTIFIER_CHARS + 1) } },
    };
    expect(decodeRouteEvent(json(long))).toMatchObject({
      ok: false,
      reason: expect.stringContaining(
        `cost.catalog.version: expected at most ${MAX_IDENTIFIER_CHARS} characters`,
      ),
    });
  });

  it('accepts paired surrogates and escaped text that PostgreSQL can store', () => {
    const event = { ...routeCompleted, requested_model: 'gpt-\u{1F600}\u00e9' };
    expect(decodeRouteEvent(Buffer.from(json(event)))).toEqual({ ok: true, value: event });
    expect(decodeRouteEvent(Buffer.from(json(event).replace('\u{1F600}', '\\ud83d\\ude00')))).toMatchObject({
      ok: true,
    });
  });
});
