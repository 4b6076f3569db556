import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { GatewayUnderTest, requestId, RouteEventLog, startSims } from './gateway.fixture.js';

// Both groups fall back to an OpenAI target: a client mistake must be refused outright, never
// retried, failed over or counted against a breaker (the simulators see no request at all).
const PACK = `
pack: { name: client-errors-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: true, retry: { max_retries: 2 } }
  circuit_breaker: { failure_threshold: 1, cooldown_seconds: 60 }
  model_groups:
    - name: claude
      fallback_group: gpt
      targets: [anthropic-main, openai-backup]
    - name: gpt
      targets: [openai-backup]
  targets:
    - id: anthropic-main
      provider: anthropic:chat:claude-3-5-sonnet-20241022
      secret_key_ref: { env: ANTHROPIC_API_KEY }
    - id: openai-backup
      provider: openai:chat:gpt-5.4-mini
      secret_key_ref: { env: OPENAI_API_KEY }
`;

const messagesBody = (extra: Record<string, unknown>): Record<string, unknown> => ({
  model: 'claude',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hello' }],
  ...extra,
});

const chatBody = (extra: Record<string, unknown>): Record<string, unknown> => ({
  model: 'claude',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hello' }],
  ...extra,
});

interface AnthropicError {
  readonly type: string;
  readonly error: { readonly type: string; readonly message: string };
}
interface OpenAIError {
  readonly error: { readonly type: string; readonly message: string; readonly param: string | null };
}

describe('client mistakes are 400s naming the field, with no upstream call', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;
  let events: RouteEventLog;

  beforeAll(async () => {
    sims = await startSims();
    events = await RouteEventLog.start();
    gateway = await GatewayUnderTest.start(sims, { pack: PACK });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await events?.stop();
    await sims?.stop();
  });

  beforeEach(async () => {
    await sims.reset();
  });

  const upstreamCalls = (): number =>
    Object.values(sims.stats()).reduce((sum, vendor) => sum + vendor.total, 0);

  it.each([
    ['content: 5', messagesBody({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content'],
    ['system: {}', messagesBody({ system: {} }), 'system'],
    ['tools: [null]', messagesBody({ tools: [null] }), 'tools[0]'],
    ['max_tokens: 1e17', messagesBody({ max_tokens: 1e17 }), 'max_tokens'],
  ])('/v1/messages with %s answers 400 in Anthropic’s shape', async (_name, body, field) => {
    const id = requestId('msg-400');
    const answer = await gateway.post('/v1/messages', body, id);
    const json = (await answer.json()) as AnthropicError;
    expect(answer.status).toBe(400);
    expect(json.type).toBe('error');
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message.startsWith(`${field}:`)).toBe(true);
    expect(json.error.message).not.toMatch(/TypeError|at \w+ \(/);
    expect(upstreamCalls()).toBe(0);
    // Refused at the door: no route event (docs/gateway.md, "Refusals leave no route event").
    const marker = requestId('msg-after');
    expect((await gateway.post('/v1/messages', messagesBody({}), marker)).status).toBe(200);
    expect(await events.eventsBefore(marker, [id])).toEqual([]);
  });

  it.each([
    ['content: null', chatBody({ messages: [{ role: 'user', content: null }] }), 'messages[0].content'],
    ['a tool without function', chatBody({ tools: [{ type: 'function' }] }), 'tools[0].function'],
  ])('chat to an Anthropic target with %s answers 400 in OpenAI’s shape', async (_name, body, field) => {
    const id = requestId('chat-400');
    const answer = await gateway.post('/v1/chat/completions', body, id);
    const json = (await answer.json()) as OpenAIError;
    expect(answer.status).toBe(400);
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.param).toBe(field);
    expect(json.error.message.startsWith(`${field}:`)).toBe(true);
    expect(upstreamCalls()).toBe(0);
    // The chat parser refuses these before routing (the translator would refuse them too, as a
    // client_error without fallback: libs/providers' property specs): no attempt, no route event.
    const marker = requestId('chat-after');
    expect((await gateway.post('/v1/chat/completions', chatBody({}), marker)).status).toBe(200);
    expect(await events.eventsBefore(marker, [id])).toEqual([]);
  });

  it('keeps serving valid requests on both ingresses afterwards (no breaker was opened)', async () => {
    const messages = await gateway.post('/v1/messages', messagesBody({}), requestId('msg-ok'));
    expect(messages.status).toBe(200);
    const chat = await gateway.post('/v1/chat/completions', chatBody({}), requestId('chat-ok'));
    expect(chat.status).toBe(200);
    expect(sims.stats().anthropic.total).toBe(2);
    expect(sims.stats().openai.total).toBe(0);
  });
});
