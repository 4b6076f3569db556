import { describe, expect, it } from 'vitest';
import { ThroughputWindow } from './throughput.window.js';

const NOW = 100_000;

describe('ThroughputWindow', () => {
  it('weighs by volume: total output tokens over total generation time', () => {
    const window = new ThroughputWindow();
    window.add('t', 1_000, 10_000, NOW - 10); // 100 tok/s
    window.add('t', 10, 10, NOW - 5); // 1,000 tok/s but tiny
    expect(window.stats('t', NOW, 60_000)).toEqual({ count: 2, tokensPerSecond: (1_010 * 1000) / 10_010 });
  });

  it('forgets samples older than the window', () => {
    const window = new ThroughputWindow();
    window.add('t', 500, 1_000, NOW - 30_000);
    window.add('t', 100, 1_000, NOW - 1);
    expect(window.stats('t', NOW, 30_000)).toEqual({ count: 1, tokensPerSecond: 100 });
  });

  it.each([
    ['a zero duration', 10, 0],
    ['a negative duration', 10, -5],
    ['negative tokens', -1, 100],
  ])('ignores a sample with %s', (_name, tokens, duration) => {
    const window = new ThroughputWindow();
    window.add('t', tokens, duration, NOW);
    expect(window.stats('t', NOW, 1_000)).toEqual({ count: 0, tokensPerSecond: 0 });
  });
});
