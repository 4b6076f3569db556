import { describe, expect, it } from 'vitest';
import type { OpenAIErrorBody } from '../openai/openai.types.js';
import { readErrorBody } from './error-body.reader.js';

const KEY = 'sk-test-0123456789';

describe('readErrorBody', () => {
  it.each<[string, string, number, OpenAIErrorBody]>([
    [
      'keeps an OpenAI error and redacts the key it echoes',
      JSON.stringify({
        error: {
          message: `Incorrect API key provided: ${KEY}`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      }),
      401,
      {
        error: {
          message: 'Incorrect API key provided: [redacted]',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
    ],
    [
      'turns an Anthropic error into OpenAI shape',
      JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }),
      429,
      { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_error' } },
    ],
    [
      'reads a bare string error from a proxy',
      JSON.stringify({ error: 'upstream exploded' }),
      502,
      { error: { message: 'upstream exploded', type: 'server_error', param: null, code: null } },
    ],
    [
      'keeps plain text',
      'Bad Gateway',
      502,
      { error: { message: 'Bad Gateway', type: 'server_error', param: null, code: null } },
    ],
    [
      'names the status of an empty body',
      '',
      503,
      { error: { message: 'HTTP 503', type: 'server_error', param: null, code: null } },
    ],
  ])('%s', (_name, text, status, expected) => {
    expect(readErrorBody(text, status, KEY)).toEqual(expected);
  });
});
