import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionContext } from '@nestjs/common';
import { GatewayKeyGuard } from '../auth/gateway-key.guard.js';
import { OPENAI_DIALECT } from '../chat/chat.dialect.js';
import { EMBEDDINGS_PARSER } from '../embeddings/embeddings.handler.js';
import { ANTHROPIC_DIALECT } from '../messages/anthropic.dialect.js';
import type { GatewayRuntime } from '../runtime/gateway.runtime.js';
import type { IngressRefuser } from './ingress.refuser.js';
import type { RequestIdentity } from './request.identity.js';
import { RouteIngress, type IngressParser } from './route.ingress.js';

const CALLER = { key_id: 'k-1', team: 'qa' };
const IDENTITY = { of: () => ({ requestId: 'req-1', ignored: false }) } as unknown as RequestIdentity;
const REFUSER = { refuse: () => undefined } as unknown as IngressRefuser;

/** A request let in by the real key guard, so the ingress finds its caller. */
function authenticated(): FastifyRequest {
  const request = { raw: {}, headers: { authorization: 'Bearer x' } } as unknown as FastifyRequest;
  const runtime = { current: { keys: { authenticate: () => CALLER } } } as unknown as GatewayRuntime;
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  new GatewayKeyGuard(runtime).canActivate(context);
  return request;
}

function open<T extends { readonly model: string }>(parser: IngressParser<T>, body: unknown) {
  const ingress = new RouteIngress(IDENTITY, REFUSER);
  return ingress.open(authenticated(), {} as FastifyReply, body, parser);
}

describe('RouteIngress.open', () => {
  it('records an embeddings request as not streamed, whatever its body says', () => {
    const opened = open(EMBEDDINGS_PARSER, { model: 'embed', input: 'hi', stream: true });
    expect(opened?.record.stream).toBe(false);
    expect(opened?.record.endpoint).toBe('embeddings');
    expect(opened?.record.caller).toMatchObject({ team: 'qa' });
  });

  it('records a chat request as streamed exactly when it asks to be', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(open(OPENAI_DIALECT, { model: 'chat', messages, stream: true })?.record.stream).toBe(true);
    expect(open(OPENAI_DIALECT, { model: 'chat', messages })?.record.stream).toBe(false);
  });

  it('records an Anthropic messages request as streamed when it asks to be', () => {
    const body = { model: 'chat', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], stream: true };
    expect(open(ANTHROPIC_DIALECT, body)?.record.stream).toBe(true);
  });
});
