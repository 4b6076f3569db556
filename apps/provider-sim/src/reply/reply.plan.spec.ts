import { describe, expect, it } from 'vitest';
import { planReply } from './reply.plan.js';
import { countTokens } from './token.count.js';

const weatherTool = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { location: { type: 'string' } } },
};

describe('planReply', () => {
  it.each([
    { maxTokens: null, replyTokens: 20, output: 20, truncated: false },
    { maxTokens: 100, replyTokens: 20, output: 20, truncated: false },
    { maxTokens: 20, replyTokens: 20, output: 20, truncated: false },
    { maxTokens: 5, replyTokens: 20, output: 5, truncated: true },
    { maxTokens: 1, replyTokens: 3, output: 1, truncated: true },
  ])(
    'answers $output tokens when max_tokens is $maxTokens and the reply length $replyTokens',
    ({ maxTokens, replyTokens, output, truncated }) => {
      const plan = planReply({ lastUserText: 'hi', tools: [], maxTokens, replyTokens });
      expect(plan).toMatchObject({ kind: 'text', outputTokens: output, truncated });
      if (plan.kind !== 'text') throw new Error('expected a text reply');
      expect(countTokens(plan.text)).toBe(output);
      expect(plan.pieces).toHaveLength(output);
      expect(plan.pieces.join('')).toBe(plan.text);
      expect(plan.pieces.every((piece) => countTokens(piece) === 1)).toBe(true);
    },
  );

  it('replies with "kt." repeated', () => {
    const plan = planReply({ lastUserText: 'hi', tools: [], maxTokens: 3, replyTokens: 20 });
    expect(plan.kind === 'text' && plan.text).toBe('kt. kt. kt.');
  });

  it('calls a tool when tools are offered and the user asks about the weather', () => {
    const plan = planReply({
      lastUserText: 'What is the weather in Paris?',
      tools: [weatherTool],
      maxTokens: null,
      replyTokens: 20,
    });
    expect(plan).toEqual({
      kind: 'tool',
      name: 'get_weather',
      argumentsJson: '{"location":"Paris"}',
      outputTokens: countTokens('{"location":"Paris"}'),
    });
  });

  it('answers with text when the weather question comes without tools', () => {
    expect(planReply({ lastUserText: 'weather?', tools: [], maxTokens: null, replyTokens: 2 }).kind).toBe(
      'text',
    );
  });
});
