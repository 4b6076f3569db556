import { describe, expect, it } from 'vitest';
import { parseChatRequest } from './chat.request.js';

const user = (content: unknown) => ({ role: 'user', content });

describe('parseChatRequest', () => {
  it('extracts what the simulator needs from a full request', () => {
    const parsed = parseChatRequest(
      {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'be brief' },
          user([
            { type: 'text', text: 'hello' },
            { type: 'image_url', image_url: { url: 'x' } },
            { type: 'text', text: 'weather?' },
          ]),
        ],
        tools: [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
          { type: 'unknown' },
        ],
        max_completion_tokens: 7,
        max_tokens: 99,
        stream: true,
        stream_options: { include_usage: true },
      },
      true,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        model: 'gpt-4o',
        texts: ['be brief', 'hello', 'weather?'],
        lastUserText: 'hello weather?',
        tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
        maxTokens: 7,
        stream: true,
        includeUsage: true,
      },
    });
  });

  it('forgets the user text once a tool result follows it, so tool loops end', () => {
    const parsed = parseChatRequest(
      {
        model: 'm',
        messages: [
          user('weather?'),
          { role: 'assistant', content: null },
          { role: 'tool', content: 'sunny' },
        ],
      },
      true,
    );
    expect(parsed.ok && parsed.value.lastUserText).toBe('');
    expect(parsed.ok && parsed.value.texts).toEqual(['weather?', 'sunny']);
  });

  it('lets Azure leave out the model', () => {
    const parsed = parseChatRequest({ messages: [user('hi')] }, false);
    expect(parsed.ok && parsed.value.model).toBeNull();
  });

  it.each([
    {
      body: 'text',
      message: 'We could not parse the JSON body of your request. The API expects a JSON object.',
      param: null,
    },
    { body: { messages: [user('hi')] }, message: 'you must provide a model parameter', param: null },
    {
      body: { model: 1, messages: [] },
      message: "Invalid type for 'model': expected a string, but got an integer instead.",
      param: 'model',
    },
    { body: { model: 'm' }, message: "Missing required parameter: 'messages'.", param: 'messages' },
    {
      body: { model: 'm', messages: 'hi' },
      message: "Invalid type for 'messages': expected an array of objects, but got a string instead.",
      param: 'messages',
    },
    {
      body: { model: 'm', messages: [] },
      message:
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      param: 'messages',
    },
    {
      body: { model: 'm', messages: ['hi'] },
      message: "Invalid type for 'messages[0]': expected an object, but got a string instead.",
      param: 'messages[0]',
    },
    {
      body: { model: 'm', messages: [{ content: 'hi' }] },
      message: "Missing required parameter: 'messages[0].role'.",
      param: 'messages[0].role',
    },
    {
      body: { model: 'm', messages: [user('hi')], max_tokens: 0 },
      message: "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      param: 'max_tokens',
    },
    {
      body: { model: 'm', messages: [user('hi')], max_completion_tokens: 'x' },
      message: "Invalid type for 'max_completion_tokens': expected an integer, but got a string instead.",
      param: 'max_completion_tokens',
    },
  ])('rejects $body with "$message"', ({ body, message, param }) => {
    const parsed = parseChatRequest(body, true);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatchObject({ message, param });
  });
});
