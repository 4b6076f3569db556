import { describe, expect, it } from 'vitest';
import { formatTargetsTable, isTargetsAnswer, type TargetsAnswer } from './targets.table.js';

const NOW = Date.parse('2026-03-01T12:00:10Z');
const answer: TargetsAnswer = {
  pack: { name: 'core', version: '1.0.0' },
  window_seconds: 60,
  targets: [
    {
      id: 'openai-main',
      provider: 'openai',
      model: 'gpt-5.4-mini',
      health: { ok: true, at: '2026-03-01T12:00:07Z' },
      breaker: { state: 'closed' },
      latency: { p50_ms: 210, p95_ms: 480 },
      in_flight: 3,
      budget: 'unknown',
    },
    {
      id: 'azure-secondary',
      provider: 'azure',
      model: 'gpt-5.4-mini',
      health: null,
      breaker: { state: 'open' },
      latency: { p50_ms: null, p95_ms: null },
      in_flight: 0,
      budget: 'unknown',
    },
  ],
};

describe('formatTargetsTable', () => {
  it('prints one aligned row per target with health age, breaker, latency, in-flight and budget', () => {
    expect(formatTargetsTable(answer, NOW)).toBe(
      [
        'pack core@1.0.0 · latency over 60 s',
        'TARGET           PROVIDER  MODEL         HEALTH     BREAKER  P50 MS  P95 MS  IN FLIGHT  BUDGET',
        'openai-main      openai    gpt-5.4-mini  ok 3s ago  closed   210     480     3          unknown',
        'azure-secondary  azure     gpt-5.4-mini  unprobed   open     —       —       0          unknown',
        '',
      ].join('\n'),
    );
  });
});

describe('isTargetsAnswer', () => {
  it.each([
    ['the gateway answer', answer, true],
    ['an error body', { error: { code: 'unauthorized' } }, false],
    ['a row without a breaker', { ...answer, targets: [{ id: 'x' }] }, false],
    ['null', null, false],
  ])('accepts only a well-formed answer: %s', (_name, value, expected) => {
    expect(isTargetsAnswer(value)).toBe(expected);
  });
});
