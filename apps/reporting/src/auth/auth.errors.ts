import { HttpException, HttpStatus } from '@nestjs/common';

export type AuthenticationCode = 'missing_token' | 'invalid_token';

const MESSAGES: Readonly<Record<AuthenticationCode, string>> = {
  missing_token: 'send a reporting token as "Authorization: Bearer <token>"',
  invalid_token: 'the bearer token is not a known reporting token',
};

export class AuthenticationError extends HttpException {
  constructor(code: AuthenticationCode) {
    super(
      { error: { type: 'authentication_error', code, message: MESSAGES[code] } },
      HttpStatus.UNAUTHORIZED,
    );
  }
}

export class AdminRequiredError extends HttpException {
  constructor(name: string) {
    super(
      {
        error: {
          type: 'permission_error',
          code: 'admin_required',
          message: `this route needs an admin token; '${name}' is a finance token`,
        },
      },
      HttpStatus.FORBIDDEN,
    );
  }
}

export class RateLimitedError extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        error: {
          type: 'rate_limit_error',
          code: 'rate_limited',
          message: `too many requests for this token; retry after ${retryAfterSeconds}s`,
        },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
