import { describe, expect, it } from 'vitest';
import { describeRefusal } from './reporting.refusal.js';

describe('describeRefusal', () => {
  const body = (type: string, code: string, message: string): string =>
    JSON.stringify({ error: { type, code, message } });

  it.each([
    [
      400,
      body('invalid_request_error', 'invalid_parameter', "since: expected a duration, got 'x'"),
      2,
      "GET /v1/spend refused: invalid request (invalid_parameter: since: expected a duration, got 'x')",
    ],
    [
      401,
      body('authentication_error', 'missing_token', 'send a token'),
      2,
      'GET /v1/spend refused: the reporting token is missing or unknown (missing_token: send a token); pass --token or set KT_TOKEN',
    ],
    [
      403,
      body('permission_error', 'admin_required', 'needs admin'),
      2,
      'GET /v1/spend refused: this needs an admin token (admin_required: needs admin)',
    ],
    [
      429,
      body('rate_limit_error', 'rate_limited', 'too many'),
      1,
      'GET /v1/spend refused: rate limited, retry after 7 s (rate_limited: too many)',
    ],
    [503, 'upstream down', 1, 'GET /v1/spend failed: HTTP 503 (upstream down)'],
  ])('maps HTTP %i to exit %i with a message saying what to do', (status, text, exitCode, message) => {
    const error = describeRefusal('GET /v1/spend', status, text, status === 429 ? '7' : null);
    expect({ exitCode: error.exitCode, message: error.message, status: error.status }).toEqual({
      exitCode,
      message,
      status,
    });
  });

  it('lists every path-named problem of a refused pack', () => {
    const text = JSON.stringify({
      error: {
        type: 'invalid_request_error',
        code: 'invalid_pack',
        message: 'the pack is invalid (1 error)',
        errors: [{ path: 'providers.targets[0].weight', message: 'expected a number >= 0; got -1' }],
      },
    });
    expect(describeRefusal('POST /v1/packs', 400, text).message).toBe(
      'POST /v1/packs refused: invalid request (invalid_pack: the pack is invalid (1 error))\n  providers.targets[0].weight: expected a number >= 0; got -1',
    );
  });
});
