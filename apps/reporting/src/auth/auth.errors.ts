import { HttpException, HttpStatus } from '@nestjs/common';
import { BearerAuthenticationError, type AuthenticationCode } from '@kt/service';

/** 401: no token, or one reporting does not know. */
export class AuthenticationError extends BearerAuthenticationError {
  constructor(code: AuthenticationCode) {
    super(code, 'reporting');
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
