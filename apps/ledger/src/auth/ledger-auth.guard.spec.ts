import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenRegistry } from '@kt/service';
import { describe, expect, it } from 'vitest';
import { LedgerAuthGuard } from './ledger-auth.guard.js';
import { LedgerRoles } from './ledger-roles.decorator.js';
import { parseLedgerTokens } from './ledger-tokens.parse.js';

@LedgerRoles('admin')
class Budgets {
  write(): void {}
  @LedgerRoles('finance', 'admin')
  read(): void {}
}

class Undeclared {
  handle(): void {}
}

@LedgerRoles('gateway')
class Leases {
  grant(): void {}
}

const guard = new LedgerAuthGuard(
  new TokenRegistry(parseLedgerTokens('gateway:gw:g1,finance:fin:f1,admin:ops:a1')),
  new Reflector(),
);

type Target = [new () => object, string];
const WRITE: Target = [Budgets, 'write'];
const READ: Target = [Budgets, 'read'];
const LEASE: Target = [Leases, 'grant'];
const OPEN: Target = [Undeclared, 'handle'];

function statusOf([cls, handler]: Target, pattern: string | undefined, authorization?: string): number {
  const request = {
    routeOptions: { url: pattern },
    headers: authorization === undefined ? {} : { authorization },
  };
  const context = {
    getType: () => 'http',
    getHandler: () => (cls.prototype as Record<string, unknown>)[handler],
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  try {
    guard.canActivate(context);
    return 200;
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
}

describe('LedgerAuthGuard', () => {
  it.each<[string, Target, string | undefined, string | undefined, number]>([
    ['a lease without a token', LEASE, '/v1/leases', undefined, 401],
    ['a lease with an unknown token', LEASE, '/v1/leases', 'Bearer nope', 401],
    ['a lease as admin', LEASE, '/v1/leases', 'Bearer a1', 403],
    ['a lease as the gateway', LEASE, '/v1/leases', 'Bearer g1', 200],
    ['a budget write as finance', WRITE, '/v1/budgets', 'Bearer f1', 403],
    ['a budget write as the gateway', WRITE, '/v1/budgets/:id', 'Bearer g1', 403],
    ['a budget write as admin', WRITE, '/v1/budgets/:id', 'Bearer a1', 200],
    ['a budget read as finance', READ, '/v1/budgets', 'Bearer f1', 200],
    ['a budget read as the gateway', READ, '/v1/budgets', 'Bearer g1', 403],
    ['health without a token', OPEN, '/healthz', undefined, 200],
    ['an undeclared /v1 route as finance', OPEN, '/v1/other', 'Bearer f1', 403],
    ['an undeclared /v1 route as admin', OPEN, '/v1/other', 'Bearer a1', 200],
    ['a request no route matched', OPEN, undefined, undefined, 401],
    ['a declared route whatever its pattern', LEASE, '/%761/leases', undefined, 401],
  ])('%s answers %i', (_name, target, pattern, authorization, status) => {
    expect(statusOf(target, pattern, authorization)).toBe(status);
  });

  it('names the required role, never the token, in a 403', () => {
    const request = { routeOptions: { url: '/v1/leases' }, headers: { authorization: 'Bearer a1' } };
    const context = {
      getType: () => 'http',
      getHandler: () => Leases.prototype.grant,
      getClass: () => Leases,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    try {
      guard.canActivate(context);
      expect.unreachable();
    } catch (error) {
      const body = JSON.stringify((error as { getResponse(): unknown }).getResponse());
      expect(body).toContain('needs a gateway token');
      expect(body).not.toContain('a1"');
    }
  });
});

describe('parseLedgerTokens', () => {
  it('refuses an empty list, naming the variable', () => {
    expect(() => parseLedgerTokens(' , ')).toThrow(/LEDGER_TOKENS/);
  });
});
