import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from './auth.errors.js';
import { isProtected, type RoutedRequest } from './auth.guard.js';
import type { CallerRequest } from './caller.decorator.js';

/**
 * Per-token rate limit on `/v1/*` (runs after the auth guard, so the caller is known): one budget
 * per token name across all routes, 429 with `Retry-After` when it is spent.
 */
@Injectable()
export class TokenRateGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return !isProtected(context.switchToHttp().getRequest<RoutedRequest>());
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = (request as CallerRequest).caller;
    return caller === undefined ? 'anonymous' : `token:${caller.name}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError(Math.max(1, detail.timeToBlockExpire));
  }
}
