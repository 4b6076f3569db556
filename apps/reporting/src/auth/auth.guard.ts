import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, routePattern, type RoutedRequest } from '@kt/service';
import { ADMIN_ONLY } from './admin-only.decorator.js';
import { AdminRequiredError, AuthenticationError } from './auth.errors.js';
import type { CallerRequest } from './caller.decorator.js';
import { TokenRegistry } from './token.registry.js';

export type { RoutedRequest };

interface HttpRequest extends CallerRequest, RoutedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Routes under this prefix need a token; health, metrics, docs and the dashboard's files are public. */
export const PROTECTED_PREFIX = '/v1/';

/** Global guard: bearer token → caller on `/v1/*`, admin check for `@AdminOnly()` routes. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TokenRegistry) private readonly registry: TokenRegistry,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (!isProtected(request)) return true;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new AuthenticationError('missing_token');
    const caller = this.registry.identify(token);
    if (caller === undefined) throw new AuthenticationError('invalid_token');
    request.caller = caller;
    const adminOnly = this.reflector.getAllAndOverride<boolean | undefined>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly === true && caller.role !== 'admin') throw new AdminRequiredError(caller.name);
    return true;
  }
}

/**
 * Decided by the pattern of the route the router matched: the router percent-decodes the path, so
 * `/%761/spend` reaches the `/v1/spend` handler while its raw URL does not start with `/v1/`. A
 * request without a matched pattern is protected (fail closed).
 */
export function isProtected(request: RoutedRequest): boolean {
  const pattern = routePattern(request);
  return pattern === undefined || pattern.startsWith(PROTECTED_PREFIX);
}

export { bearerToken };
