import { describe, expect, it } from 'vitest';
import type { ArgumentsHost } from '@nestjs/common';
import { GatewayError } from '../errors/gateway.error.js';
import { GatewayExceptionFilter } from './gateway-exception.filter.js';
import type { IngressRefuser } from './ingress.refuser.js';

interface Answer {
  refused: unknown[];
  status?: number;
  body?: unknown;
}

/** Runs the filter on `exception` raised for a request to `url`; says what was answered, and how. */
function filter(url: string, exception: unknown): Answer {
  const answer: Answer = { refused: [] };
  const refuser = { refuse: (...args: unknown[]) => answer.refused.push(args) } as unknown as IngressRefuser;
  const reply = {
    sent: false,
    status(code: number) {
      answer.status = code;
      return this;
    },
    send(body: unknown) {
      answer.body = body;
      return this;
    },
  };
  const request = { routeOptions: { url }, headers: {}, raw: {} };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new GatewayExceptionFilter(refuser).catch(exception, host);
  return answer;
}

const MISSING_KEY = new GatewayError('unauthorized', 'Missing gateway key', { refusal: 'missing_key' });

describe('GatewayExceptionFilter', () => {
  it("answers /v1/models' key refusal as a refusal", () => {
    expect(filter('/v1/models', MISSING_KEY).refused).toHaveLength(1);
  });

  it('answers any other failure of /v1/models plainly, never as a client refusal', () => {
    const answer = filter('/v1/models', new Error('a bug'));
    expect(answer.refused).toHaveLength(0);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: { code: 'upstream_error' } });
  });

  it("answers a routed endpoint's failures before routing as refusals, as before", () => {
    expect(filter('/v1/chat/completions', new Error('a bug')).refused).toHaveLength(1);
    expect(filter('/v1/messages', MISSING_KEY).refused).toHaveLength(1);
  });

  it('answers an unknown route plainly', () => {
    const answer = filter('/v2/nowhere', MISSING_KEY);
    expect(answer.refused).toHaveLength(0);
    expect(answer.status).toBe(401);
  });
});
