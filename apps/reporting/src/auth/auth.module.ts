import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from './auth.guard.js';
import { parseReportingTokens } from './reporting-tokens.parse.js';
import { TokenRateGuard } from './token-rate.guard.js';
import { TokenRegistry } from './token.registry.js';

export interface AuthSettings {
  /** `REPORTING_TOKENS`: `role:name:secret,…`. */
  readonly tokens: string;
  /** Requests per token per window. */
  readonly rateLimit: number;
  readonly rateWindowMs: number;
}

/** Bearer-token auth and per-token rate limiting for every `/v1/*` route of reporting. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    const registry = new TokenRegistry(parseReportingTokens(settings.tokens));
    return {
      module: AuthModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: settings.rateWindowMs, limit: settings.rateLimit }],
        }),
      ],
      providers: [
        { provide: TokenRegistry, useValue: registry },
        // Guards run in this order: the caller must be known before its budget is counted.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: TokenRateGuard },
      ],
    };
  }
}
