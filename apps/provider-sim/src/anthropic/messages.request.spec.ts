import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from './messages.request.js';

const base = {
  model: 'claude-3-5-sonnet-20241022',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hi' }],
};

describe('parseMessagesRequest', () => {
  it.each([
    { system: 'be brief', texts: ['be brief', 'hi'] },
    {
      system: [
        { type: 'text', text: 'be' },
        { type: 'text', text: 'brief' },
      ],
      texts: ['be', 'brief', 'hi'],
    },
    { system: undefined, texts: ['hi'] },
  ])('counts the system prompt given as $system', ({ system, texts }) => {
    const parsed = parseMessagesRequest({ ...base, system });
    expect(parsed.ok && parsed.value.texts).toEqual(texts);
  });

  it('reads tools, the stream flag and the last user text', () => {
    const parsed = parseMessagesRequest({
      ...base,
      stream: true,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'weather' },
            { type: 'text', text: 'in Oslo?' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        model: base.model,
        texts: ['weather', 'in Oslo?'],
        lastUserText: 'weather in Oslo?',
        tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
        maxTokens: 16,
        stream: true,
      },
    });
  });

  it('counts tool results but does not treat them as a new question', () => {
    const parsed = parseMessagesRequest({
      ...base,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'sunny' }] },
      ],
    });
    expect(parsed.ok && parsed.value).toMatchObject({ texts: ['weather?', 'sunny'], lastUserText: '' });
  });

  it.each([
    [{ ...base, model: undefined }, 'model: Field required'],
    [{ ...base, max_tokens: undefined }, 'max_tokens: Field required'],
    [{ ...base, max_tokens: 1.5 }, 'max_tokens: Input should be a valid integer'],
    [{ ...base, max_tokens: 0 }, 'max_tokens: Input should be greater than or equal to 1'],
    [{ ...base, messages: undefined }, 'messages: Field required'],
    [{ ...base, messages: 'hi' }, 'messages: Input should be a valid list'],
    [
      { ...base, messages: [{ role: 'system', content: 'x' }] },
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    [{ ...base, messages: [{ role: 'user' }] }, 'messages.0.content: Field required'],
    [{ ...base, system: 3 }, 'system: Input should be a valid string or a list of text blocks'],
  ])('rejects %j with "%s"', (body, message) => {
    expect(parseMessagesRequest(body)).toEqual({ ok: false, message });
  });
});
