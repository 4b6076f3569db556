import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { AdminOnly } from './admin-only.decorator.js';
import { AuthGuard } from './auth.guard.js';
import type { CallerRequest } from './caller.decorator.js';
import { parseReportingTokens } from './reporting-tokens.parse.js';
import { TokenRegistry } from './token.registry.js';

class Routes {
  read(): void {}
  @AdminOnly()
  write(): void {}
}

const guard = new AuthGuard(
  new TokenRegistry(parseReportingTokens('finance:fin:f1,admin:ops:a1')),
  new Reflector(),
);

function contextFor(
  handler: keyof Routes,
  pattern: string | undefined,
  authorization?: string,
): [ExecutionContext, CallerRequest] {
  const request = {
    routeOptions: { url: pattern },
    headers: authorization === undefined ? {} : { authorization },
  } as CallerRequest;
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return [context, request];
}

const statusOf = (run: () => unknown): number => {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
};

describe('AuthGuard', () => {
  it.each<[keyof Routes, string | undefined, string | undefined, number]>([
    ['read', '/v1/spend', undefined, 401],
    ['read', '/v1/spend', 'Bearer nope', 401],
    ['read', '/v1/spend', 'Bearer f1', 200],
    ['write', '/v1/audits', 'Bearer f1', 403],
    ['write', '/v1/audits', 'Bearer a1', 200],
    ['read', '/healthz', undefined, 200],
    ['read', undefined, undefined, 401],
  ])('%s on route pattern %s with %j answers %i', (handler, pattern, authorization, status) => {
    expect(statusOf(() => guard.canActivate(contextFor(handler, pattern, authorization)[0]))).toBe(status);
  });

  it('leaves the caller on the request for handlers', () => {
    const [context, request] = contextFor('write', '/v1/packs', 'Bearer a1');
    guard.canActivate(context);
    expect(request.caller).toEqual({ role: 'admin', name: 'ops' });
  });
});
