import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChatInputTokens } from './chat.tokens.js';
import { countTextTokens } from './text.tokens.js';

/** Anything JSON can carry, as a client could send it in place of a message. */
const anyMessage = fc.oneof(
  fc.record({
    role: fc.constantFrom('system', 'user', 'assistant', 'tool'),
    content: fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.array(fc.record({ type: fc.constant('text'), text: fc.string() })),
    ),
  }),
  fc.anything(),
);

describe('token counting (properties)', () => {
  it('never throws and never goes below 0 on arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        async (text) => {
          expect(await countTextTokens(text, 'o200k_base')).toBeGreaterThanOrEqual(0);
          expect(await countTextTokens(text, 'cl100k_base')).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary messages and tools', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyMessage, { maxLength: 6 }),
        fc.array(fc.anything(), { maxLength: 3 }),
        async (messages, tools) => {
          expect(await countChatInputTokens({ messages, tools }, 'o200k_base')).toBeGreaterThanOrEqual(3);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('more text never gives fewer tokens (concatenation, within a token of slack)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        const joined = await countTextTokens(a + b, 'o200k_base');
        const first = await countTextTokens(a, 'o200k_base');
        // Merging across the seam may save a token; it can never lose more than that.
        expect(joined).toBeGreaterThanOrEqual(first - 1);
        expect(joined).toBeLessThanOrEqual(first + (await countTextTokens(b, 'o200k_base')) + 1);
      }),
      { numRuns: 300 },
    );
  });
});
