import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, routePattern, TokenRegistry, type RoutedRequest } from '@kt/service';
import { LedgerAuthenticationError, LedgerRoleRequiredError } from './ledger-auth.errors.js';
import { LEDGER_ROLES_KEY } from './ledger-roles.decorator.js';
import type { LedgerCaller, LedgerRole } from './ledger-tokens.parse.js';

interface HttpRequest extends RoutedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  caller?: LedgerCaller;
}

/** The ledger's token registry, injected by `LedgerAuthModule`. */
export const LEDGER_TOKEN_REGISTRY = Symbol('LEDGER_TOKEN_REGISTRY');

/** What an undeclared `/v1/*` route (or a request no route pattern matched) requires: fail closed. */
const UNDECLARED: readonly LedgerRole[] = ['admin'];

/**
 * Global guard of the ledger: every `/v1/*` route needs a bearer token of one of the roles it
 * declares with `@LedgerRoles`. Decided by the matched route (its pattern and its handler), never by
 * the raw URL, which the router percent-decodes; health, readiness, metrics and docs stay open.
 */
@Injectable()
export class LedgerAuthGuard implements CanActivate {
  constructor(
    @Inject(LEDGER_TOKEN_REGISTRY) private readonly registry: TokenRegistry<LedgerRole>,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const declared = this.reflector.getAllAndOverride<readonly LedgerRole[] | undefined>(LEDGER_ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const pattern = routePattern(request);
    if (declared === undefined && pattern !== undefined && !pattern.startsWith('/v1/')) return true;
    const required = declared ?? UNDECLARED;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new LedgerAuthenticationError('missing_token');
    const caller = this.registry.identify(token);
    if (caller === undefined) throw new LedgerAuthenticationError('invalid_token');
    if (!required.includes(caller.role)) throw new LedgerRoleRequiredError(required, caller);
    request.caller = caller;
    return true;
  }
}
