import { countOutputTokens, countTextTokens } from '@kt/pricing';
import type { ChatCompletionChunk } from '@kt/providers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveredText } from './delivered.text.js';

const chunk = (delta: Record<string, unknown>, index = 0): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index, delta, logprobs: null, finish_reason: null }],
});

/** `text` cut into pieces of `min`..`max` characters, the cut points drawn from `sizes`. */
function split(text: string, sizes: readonly number[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

const SENTENCES = [
  'The quick brown fox jumps over the lazy dog.',
  'Partial streams are billed from the text the client received.',
  'Über-long words and 数据 and emoji 🙂 appear in real answers too.',
  'Tokens are merged across what the network happened to cut apart.',
];
const prose = fc
  .array(fc.constantFrom(...SENTENCES), { minLength: 3, maxLength: 12 })
  .map((sentences) => sentences.join(' '));
const json = fc
  .array(
    fc.record({ city: fc.constantFrom('Paris', 'Kyoto', 'Lima'), days: fc.nat(30), note: fc.string() }),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((value) => JSON.stringify({ stops: value }));

async function deliveredCount(pieces: readonly string[], field: 'content' | 'arguments'): Promise<number> {
  const delivered = new DeliveredText();
  for (const piece of pieces) {
    delivered.add(
      field === 'content'
        ? chunk({ content: piece })
        : chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }),
    );
  }
  return countOutputTokens(delivered, 'o200k_base');
}

describe('DeliveredText counts (properties)', () => {
  it('text cut into random 1–3 character deltas counts within 10 % of the whole text', async () => {
    await fc.assert(
      fc.asyncProperty(
        prose,
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 50 }),
        async (text, sizes) => {
          const whole = await countTextTokens(text, 'o200k_base');
          const counted = await deliveredCount(split(text, sizes), 'content');
          expect(Math.abs(counted - whole) / whole).toBeLessThanOrEqual(0.1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('tool-call arguments in 3–9 character chunks (Anthropic input_json_delta) count as the whole JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        json,
        fc.array(fc.integer({ min: 3, max: 9 }), { minLength: 1, maxLength: 50 }),
        async (text, sizes) => {
          const whole = await countTextTokens(text, 'o200k_base');
          const counted = await deliveredCount(split(text, sizes), 'arguments');
          expect(Math.abs(counted - whole) / whole).toBeLessThanOrEqual(0.1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('n > 1 choices interleaved count as each choice whole', async () => {
    await fc.assert(
      fc.asyncProperty(prose, prose, fc.integer({ min: 1, max: 4 }), async (a, b, size) => {
        const delivered = new DeliveredText();
        const left = split(a, [size]);
        const right = split(b, [size]);
        for (let i = 0; i < Math.max(left.length, right.length); i++) {
          if (i < left.length) delivered.add(chunk({ content: left[i] }, 0));
          if (i < right.length) delivered.add(chunk({ content: right[i] }, 1));
        }
        const whole = (await countTextTokens(a, 'o200k_base')) + (await countTextTokens(b, 'o200k_base'));
        expect(await countOutputTokens(delivered, 'o200k_base')).toBe(whole);
      }),
      { numRuns: 50 },
    );
  });
});
