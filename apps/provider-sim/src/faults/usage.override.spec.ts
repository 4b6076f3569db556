import { describe, expect, it } from 'vitest';
import { sseEvent } from '../http/sse.writer.js';
import { overrideUsage } from './usage.override.js';

describe('overrideUsage', () => {
  const override = { prompt_tokens_details: { cached_tokens: 1e20 } };

  it('merges into the usage of a JSON body', () => {
    const answer = overrideUsage(
      { kind: 'json', body: JSON.stringify({ id: 'x', usage: { prompt_tokens: 5, completion_tokens: 1 } }) },
      override,
    );
    expect(answer.kind === 'json' && JSON.parse(answer.body)).toEqual({
      id: 'x',
      usage: { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 1e20 } },
    });
  });

  it('merges into every SSE event that carries usage, nested or not, and leaves the rest alone', () => {
    const events = [
      sseEvent(
        JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 3 } } }),
        'message_start',
      ),
      sseEvent(JSON.stringify({ choices: [{ delta: { content: 'hi' } }] })),
      sseEvent('[DONE]'),
    ];
    const answer = overrideUsage({ kind: 'sse', events }, { input_tokens: 7 });
    expect(answer.kind === 'sse' && answer.events).toEqual([
      sseEvent(
        JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 7 } } }),
        'message_start',
      ),
      events[1],
      events[2],
    ]);
  });

  it('changes nothing without an override', () => {
    const answer = { kind: 'json', body: '{"usage":{}}' } as const;
    expect(overrideUsage(answer, null)).toBe(answer);
  });
});
