import { HttpException, HttpStatus } from '@nestjs/common';
import { BearerAuthenticationError, type AuthenticationCode } from '@kt/service';
import type { LedgerRole } from './ledger-tokens.parse.js';

/** 401: no token, or one the ledger does not know. */
export class LedgerAuthenticationError extends BearerAuthenticationError {
  constructor(code: AuthenticationCode) {
    super(code, 'ledger');
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
