import { describe, expect, it } from 'vitest';
import { EventsQueryDto } from '../events/events-query.dto.js';
import { SpendQueryDto } from '../spend/spend-query.dto.js';
import { InvalidParameterError } from './invalid-parameter.error.js';
import { parseQuery } from './valid-query.decorator.js';

function rejection(run: () => unknown): { param: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidParameterError) return { param: error.param, message: error.message };
    throw error;
  }
  return undefined;
}

describe('parseQuery', () => {
  it('applies defaults and converts numbers', () => {
    expect(parseQuery(SpendQueryDto, {})).toMatchObject({ by: 'provider', interval: 'day' });
    expect(parseQuery(EventsQueryDto, { limit: '25', provider: 'openai' })).toMatchObject({
      limit: 25,
      provider: 'openai',
    });
  });

  it.each<[object, string, string]>([
    [{ colour: 'blue' }, 'colour', 'colour: unknown parameter'],
    [{ provider: ['a', 'b'] }, 'provider', 'provider: give it once, got 2 values'],
    [{ by: 'country' }, 'by', 'by: expected one of provider, target, group, model, team, key'],
  ])('refuses %j naming %s', (raw, param, message) => {
    expect(rejection(() => parseQuery(SpendQueryDto, raw))).toEqual({ param, message });
  });

  it.each(['0', '1001', 'ten', '2.5'])('refuses limit=%s', (limit) => {
    expect(rejection(() => parseQuery(EventsQueryDto, { limit }))).toEqual({
      param: 'limit',
      message: 'limit: expected an integer from 1 to 1000',
    });
  });
});
