import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './reporting-tokens.parse.js';

/** The request as the auth guard leaves it: `caller` is set on every `/v1/*` route. */
export interface CallerRequest {
  caller?: Caller;
}

/** Injects the authenticated caller (`{ role, name }`) into a handler parameter. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<CallerRequest>().caller;
  if (caller === undefined) throw new Error('CurrentCaller used on a route the auth guard does not cover');
  return caller;
});
