import { HttpException, HttpStatus } from '@nestjs/common';

export type AuthenticationCode = 'missing_token' | 'invalid_token';

/**
 * 401 from a service that takes bearer tokens (reporting, the ledger): no token, or one it does not
 * know. The message names the service whose token is wanted, never what was sent.
 */
export class BearerAuthenticationError extends HttpException {
  constructor(code: AuthenticationCode, service: string) {
    const message =
      code === 'missing_token'
        ? `send a ${service} token as "Authorization: Bearer <token>"`
        : `the bearer token is not a known ${service} token`;
    super({ error: { type: 'authentication_error', code, message } }, HttpStatus.UNAUTHORIZED);
  }
}
