/*
 * The bounds on everything a client chooses that can reach a route event, a log line or a table.
 * One place, so the gateway (which refuses over-cap input with a 400 naming the field) and every
 * decoder of `kt.route-events.v1` (which refuses over-cap records, so they dead-letter) agree. Without
 * them a 1.3 MB `model` outgrew the broker's message limit and a 300 KB one PostgreSQL's index rows.
 * The table of caps in docs/gateway.md says the same; change both together.
 */

/** `model` as the client sent it (`requested_model` in route events). */
export const MAX_MODEL_CHARS = 256;

/** A caller's `x-request-id`, kept as `client_request_id`; longer ones are ignored, never truncated. */
export const MAX_CLIENT_REQUEST_ID_CHARS = 128;

/** The charset a caller's request id must keep to: safe in headers, log lines, CSV and URLs. */
export const CLIENT_REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Names that come from the pack or the environment (group, strategy, target, provider, upstream model,
 * key id, team, instance id) and kt's own request id: none is client-chosen, but a forged record
 * must not carry an unbounded one into a table either.
 */
export const MAX_IDENTIFIER_CHARS = 256;

/** Deepest JSON nesting of a request body; deeper bodies would overflow recursive serializers. */
export const MAX_JSON_DEPTH = 64;

/**
 * Ceiling on `max_tokens` / `max_completion_tokens` where the model's own output limit is not known:
 * above every model's output today, and low enough that tokens × choices × price stays far inside
 * the ledger's 18-digit amounts.
 */
export const MAX_OUTPUT_TOKENS = 1_000_000;

/** Most choices (`n`) one chat request may ask for. */
export const MAX_CHOICES = 128;

/** True when `value` may be kept as a caller's request id. */
export function isClientRequestId(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_REQUEST_ID_PATTERN.test(value);
}
