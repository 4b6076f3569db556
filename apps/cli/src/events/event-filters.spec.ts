import { describe, expect, it } from 'vitest';
import { eventFilterQuery } from './event-filters.js';

describe('eventFilterQuery', () => {
  it('sends the filters given as snake_case query params', () => {
    expect(
      eventFilterQuery({ provider: 'openai', requestId: 'r1', clientRequestId: 'c1', team: undefined }),
    ).toEqual({
      provider: 'openai',
      target: undefined,
      group: undefined,
      model: undefined,
      team: undefined,
      key: undefined,
      status: undefined,
      request_id: 'r1',
      client_request_id: 'c1',
    });
  });
});
