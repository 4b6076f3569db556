import { describe, expect, it } from 'vitest';
import { argumentsFor, toolCallFor } from './tool-call.rule.js';

const lookup = { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } };
const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};

describe('toolCallFor', () => {
  it.each([
    { text: 'What is the weather like?', tools: [lookup, weather], expected: 'get_weather' },
    { text: 'WEATHER in Oslo', tools: [lookup], expected: 'lookup' },
    { text: 'weather', tools: [weather], expected: 'get_weather' },
    { text: 'hello', tools: [weather], expected: null },
    { text: 'weatherproof jackets', tools: [weather], expected: null },
    { text: 'the weather', tools: [], expected: null },
  ])('picks $expected for "$text"', ({ text, tools, expected }) => {
    expect(toolCallFor(text, tools)?.name ?? null).toBe(expected);
  });
});

describe('argumentsFor', () => {
  it('fills every declared property with a value of its type', () => {
    const schema = {
      type: 'object',
      properties: {
        location: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer' },
        detailed: { type: 'boolean' },
        tags: { type: 'array' },
        where: { type: 'object', properties: { city: { type: 'string' } } },
        anything: {},
      },
    };
    expect(argumentsFor(schema)).toEqual({
      location: 'Paris',
      unit: 'celsius',
      days: 1,
      detailed: true,
      tags: [],
      where: { city: 'Paris' },
      anything: null,
    });
  });

  it('gives an empty object for a schema without properties', () => {
    expect(argumentsFor(undefined)).toEqual({});
    expect(argumentsFor({ type: 'object' })).toEqual({});
  });
});
