import { HttpException, HttpStatus } from '@nestjs/common';
import type { LedgerRole } from './ledger-tokens.parse.js';

export type LedgerAuthenticationCode = 'missing_token' | 'invalid_token';

const MESSAGES: Readonly<Record<LedgerAuthenticationCode, string>> = {
  missing_token: 'send a ledger token as "Authorization: Bearer <token>"',
  invalid_token: 'the bearer token is not a known ledger token',
};

/** 401: no token, or one the ledger does not know. */
export class LedgerAuthenticationError extends HttpException {
  constructor(code: LedgerAuthenticationCode) {
    super(
      { error: { type: 'authentication_error', code, message: MESSAGES[code] } },
      HttpStatus.UNAUTHORIZED,
    );
  }
}

/** 403: a known token whose role this route does not accept; names the roles, never the token. */
export class LedgerRoleRequiredError extends HttpException {
  constructor(required: readonly LedgerRole[], caller: { readonly role: LedgerRole; readonly name: string }) {
    super(
      {
        error: {
          type: 'permission_error',
          code: 'role_required',
          message: `this route needs ${article(required.join(' or '))} token; '${caller.name}' is ${article(caller.role)} token`,
        },
      },
      HttpStatus.FORBIDDEN,
    );
  }
}

/** `an admin`, `a finance or admin`: the article agrees with the first word. */
function article(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}
