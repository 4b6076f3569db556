import { describe, expect, it } from 'vitest';
import {
  countChatInputTokens,
  countOutputTokens,
  estimateChatInputTokens,
  TOKENIZED_PROMPT_BYTES,
} from './chat.tokens.js';
import { countTextTokens, roughTokens } from './text.tokens.js';
import { encodingFor, tokenCounter } from './token.encoding.js';

describe('encodingFor', () => {
  it.each([
    ['gpt-4o-mini', 'openai', 'o200k_base', true],
    ['gpt-4.1', 'openai', 'o200k_base', true],
    ['gpt-5.4-mini', 'azure', 'o200k_base', true],
    ['o3-mini', 'openai', 'o200k_base', true],
    ['gpt-4', 'openai', 'cl100k_base', true],
    ['gpt-4-turbo', 'azure', 'cl100k_base', true],
    ['gpt-3.5-turbo', 'openai', 'cl100k_base', true],
    ['text-embedding-3-small', 'openai', 'cl100k_base', true],
    ['some-new-model', 'openai', 'o200k_base', true],
    ['claude-sonnet-4-5', 'anthropic', 'o200k_base', false],
    ['gpt-4', 'anthropic', 'o200k_base', false],
  ])('%s at %s → %s (exact %s)', (model, vendor, name, exact) => {
    expect(encodingFor(model, vendor)).toEqual({ name, exact });
  });
});

describe('token counting', () => {
  it('counts with the real vocabularies', async () => {
    expect(await countTextTokens('hello world', 'o200k_base')).toBe(2);
    expect(await countTextTokens('hello world', 'cl100k_base')).toBe(2);
    expect(await countTextTokens('', 'o200k_base')).toBe(0);
  });

  it('loads each vocabulary once', async () => {
    expect(await tokenCounter('o200k_base')).toBe(await tokenCounter('o200k_base'));
  });

  it('counts special-token markers in user text as text instead of throwing', async () => {
    expect(await countTextTokens('a <|endoftext|> b', 'o200k_base')).toBeGreaterThan(3);
  });

  it('counts long text in slices within 1 % of the whole count', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(2_000);
    const whole = (await tokenCounter('o200k_base'))(text);
    const sliced = await countTextTokens(text, 'o200k_base');
    expect(Math.abs(sliced - whole) / whole).toBeLessThan(0.01);
  });

  it('adds OpenAI’s per-message framing to a chat request', async () => {
    const one = await countChatInputTokens(
      { messages: [{ role: 'user', content: 'hello world' }] },
      'o200k_base',
    );
    // 3 reply priming + 3 framing + "user" (1) + "hello world" (2)
    expect(one).toBe(9);
    const named = await countChatInputTokens(
      { messages: [{ role: 'user', name: 'ann', content: 'hello world' }] },
      'o200k_base',
    );
    expect(named).toBeGreaterThan(one);
  });

  it('counts text parts, tool calls’ arguments and tool definitions', async () => {
    const base = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello world' }] }] };
    const plain = await countChatInputTokens(base, 'o200k_base');
    expect(plain).toBe(9);
    const withTools = await countChatInputTokens(
      {
        messages: [
          ...base.messages,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"city":"Paris"}' } },
            ],
          },
        ],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      },
      'o200k_base',
    );
    expect(withTools).toBeGreaterThan(plain + 3 + 5);
  });

  it('counts every delivered text of an answer', async () => {
    expect(await countOutputTokens({ texts: ['hello', ' world', '{"a":1}'] }, 'o200k_base')).toBe(
      (await countTextTokens('hello world{"a":1}', 'o200k_base')) + 0,
    );
  });

  it('estimates a prompt over 64 KB at UTF-8 bytes/4 instead of tokenizing it', async () => {
    const text = 'über '.repeat(Math.ceil(TOKENIZED_PROMPT_BYTES / 6) + 1);
    const chat = { messages: [{ role: 'user', content: text }] };
    const began = performance.now();
    const tokens = await countChatInputTokens(chat, 'o200k_base');
    const tookMs = performance.now() - began;
    expect(tokens).toBe(6 + roughTokens(Buffer.byteLength(`user${text}`, 'utf8')));
    expect(tokens).toBe(estimateChatInputTokens(chat));
    expect(tookMs).toBeLessThan(50);
    // Just under the bound it is still tokenized.
    const small = { messages: [{ role: 'user', content: 'hello world' }] };
    expect(await countChatInputTokens(small, 'o200k_base')).not.toBe(estimateChatInputTokens(small));
  });

  it('counts 1 MB of text without holding the event loop for long', async () => {
    const words = ['hello', 'world', 'über', '数据', '🙂', '{"k":1}', 'lorem', 'ipsum'];
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += `${words[i % words.length]!} `;
    // Loading the vocabulary (once per process, ~0.3 s) is not part of what is measured.
    const loadBegan = performance.now();
    await tokenCounter('o200k_base');
    const loadMs = performance.now() - loadBegan;
    let longestGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 1);
    const began = performance.now();
    const tokens = await countTextTokens(text, 'o200k_base');
    const tookMs = performance.now() - began;
    clearInterval(timer);
    expect(tokens).toBeGreaterThan(200_000);
    // Generous for a shared CI core; measured locally the whole count takes ~0.3–0.8 s, in steps of a few ms.
    expect(longestGapMs).toBeLessThan(250);
    console.info(
      `1 MB text: ${tokens} tokens in ${tookMs.toFixed(0)} ms, longest event-loop gap ${longestGapMs.toFixed(0)} ms (vocabulary load ${loadMs.toFixed(0)} ms)`,
    );
  });

  it('counts a pathological 1 MB word (no whitespace) in bounded time', async () => {
    const began = performance.now();
    expect(await countTextTokens('x'.repeat(1_000_000), 'o200k_base')).toBeGreaterThan(100_000);
    expect(performance.now() - began).toBeLessThan(5_000);
  });
});
