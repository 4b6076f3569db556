import { describe, expect, it } from 'vitest';
import { tokenCounter, type Encoding } from './token.encoding.js';

describe('tokenCounter loading', () => {
  it('forgets a failed load so the next call tries again', async () => {
    let calls = 0;
    const flaky = (): Promise<Encoding> => {
      calls++;
      return calls === 1
        ? Promise.reject(new Error('out of memory'))
        : Promise.resolve({ countTokens: (text: string) => text.length });
    };
    // cl100k only here: the other spec files load the real o200k in their own module instance.
    await expect(tokenCounter('cl100k_base', flaky)).rejects.toThrow('out of memory');
    const count = await tokenCounter('cl100k_base', flaky);
    expect(count('abc')).toBe(3);
    expect(calls).toBe(2);
    // Loaded now: kept, not loaded a third time.
    await tokenCounter('cl100k_base', flaky);
    expect(calls).toBe(2);
  });
});
