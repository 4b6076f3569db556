import type { Target } from '@kt/pack';
import { metricsRegistry } from '@kt/telemetry';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../events/route.record.js';
import { priceAttemptRecord } from './attempt.pricing.js';

const attemptAt = (target: Partial<Target>): AttemptRecord => ({
  target: { id: 'openai-a', vendor: 'openai', kind: 'chat', model: 'gpt-4o', weight: 1, ...target } as Target,
  startedAtMs: Date.UTC(2026, 5, 1),
  upstreamModel: 'gpt-4o',
  latencyMs: 0,
  ttftMs: null,
  status: 200,
  errorKind: null,
  usage: null,
  costMicroUsd: 0n,
  pricedBy: 'unpriced',
});

describe('priceAttemptRecord', () => {
  it('books a usage pricing refuses as a capped estimate instead of throwing, and counts it', async () => {
    const attempt = attemptAt({ id: 'hostile-usage' });
    // 1,000 in (all cached, capped from 5,000) × $1.25 + 500 out × $10 per 1M.
    priceAttemptRecord(
      attempt,
      { inputTokens: 1_000, outputTokens: 500, cacheReadTokens: 5_000 },
      { fallbackRate: undefined },
    );
    expect(attempt).toMatchObject({ costMicroUsd: 6_250n, pricedBy: 'estimate' });
    const metric = await metricsRegistry().getSingleMetricAsString('kt_gateway_usage_unpriceable_total');
    expect(metric).toContain('kt_gateway_usage_unpriceable_total{provider="openai",reason="capped"} 1');
  });

  it('prices 1-hour cache writes and the pack fallback rate as the prober does', () => {
    const opus = attemptAt({ vendor: 'anthropic', model: 'claude-opus-4-5' });
    priceAttemptRecord(
      opus,
      { inputTokens: 1_010, outputTokens: 100, cacheWriteTokens: 1_000, cacheWrite1hTokens: 600 },
      { fallbackRate: undefined },
    );
    expect(opus).toMatchObject({ costMicroUsd: 11_050n, pricedBy: 'catalog' });
    const local = attemptAt({ vendor: 'openai-compatible', model: 'llama-local' });
    priceAttemptRecord(
      local,
      { inputTokens: 1_000, outputTokens: 100 },
      { fallbackRate: { inputMicroUsdPerMillion: 5_000_000n, outputMicroUsdPerMillion: 15_000_000n } },
    );
    expect(local).toMatchObject({ costMicroUsd: 6_500n, pricedBy: 'pack' });
  });
});
