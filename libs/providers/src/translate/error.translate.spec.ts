import { describe, expect, it } from 'vitest';
import { anthropicErrorToOpenAI, openAIErrorToAnthropic } from './error.translate.js';

const openAIError = (message: string) => ({ error: { message, type: 'x', param: null, code: null } });

describe('openAIErrorToAnthropic', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [503, 'overloaded_error'],
    [529, 'overloaded_error'],
    [422, 'invalid_request_error'],
  ])('gives HTTP %i the Anthropic type %s', (status, type) => {
    expect(openAIErrorToAnthropic(status, openAIError('boom'))).toEqual({
      type: 'error',
      error: { type, message: 'boom' },
    });
  });
});

describe('anthropicErrorToOpenAI', () => {
  it.each([
    [401, 'authentication_error', 'authentication_error'],
    [429, 'rate_limit_error', 'rate_limit_error'],
    [529, 'overloaded_error', 'server_error'],
    [400, 'invalid_request_error', 'invalid_request_error'],
  ])(
    'turns HTTP %i %s into OpenAI type %s, keeping the Anthropic type as code',
    (status, anthropicType, openAIType) => {
      expect(
        anthropicErrorToOpenAI(status, { type: 'error', error: { type: anthropicType, message: 'm' } }),
      ).toEqual({
        error: { message: 'm', type: openAIType, param: null, code: anthropicType },
      });
    },
  );
});
