import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import type { Caller } from '../runtime/gateway-key.store.js';

/** The caller each authenticated request was let in as, for the handler to record. */
const CALLERS = new WeakMap<object, Caller>();

/**
 * The first step of every API endpoint: the caller behind the request's key, or 401 without ever
 * echoing the key. A refusal goes to the exception filter, which answers it like any refusal
 * before routing: counted, logged, and no route event.
 */
@Injectable()
export class GatewayKeyGuard implements CanActivate {
  constructor(private readonly gateway: GatewayRuntime) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization ?? headerValue(request.headers['x-api-key']);
    const caller = this.gateway.current.keys.authenticate(header);
    if (!caller) {
      throw new GatewayError(
        'unauthorized',
        header ? 'The gateway key is not valid' : 'Missing gateway key: send "Authorization: Bearer <key>"',
        { refusal: header ? 'invalid_key' : 'missing_key' },
      );
    }
    CALLERS.set(request.raw, caller);
    return true;
  }
}

/** The caller the guard let in; only handlers behind `GatewayKeyGuard` ask. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = CALLERS.get(request.raw);
  if (caller === undefined) throw new Error('callerOf: the route has no GatewayKeyGuard');
  return caller;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
