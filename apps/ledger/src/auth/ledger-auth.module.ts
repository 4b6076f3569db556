import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenRegistry } from '@kt/service';
import { LEDGER_TOKEN_REGISTRY, LedgerAuthGuard } from './ledger-auth.guard.js';
import { parseLedgerTokens } from './ledger-tokens.parse.js';

/** Bearer-token auth for every `/v1/*` route of the ledger (`LEDGER_TOKENS`); parsing fails the boot. */
@Module({})
export class LedgerAuthModule {
  static forRoot(tokens: string): DynamicModule {
    const registry = new TokenRegistry(parseLedgerTokens(tokens));
    return {
      module: LedgerAuthModule,
      providers: [
        { provide: LEDGER_TOKEN_REGISTRY, useValue: registry },
        { provide: APP_GUARD, useClass: LedgerAuthGuard },
      ],
    };
  }
}
