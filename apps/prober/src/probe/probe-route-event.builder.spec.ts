import { describe, expect, it } from 'vitest';
import { decodeRouteEvent, encodeEvent } from '@kt/contracts';
import type { PackPricing } from '@kt/pack';
import { buildProbeRouteEvent } from './probe-route-event.builder.js';
import { targetFixture } from './probe.fixture.js';
import type { ProbeOutcome } from './probe.outcome.js';

const NOW = Date.UTC(2026, 10, 24, 8, 0, 0);
const PACK = { name: 'core', version: '1.0.0', sha256: 'a'.repeat(64) };
const REFUSE: PackPricing = { unpricedUnderBlockBudget: 'refuse' };

const completed: ProbeOutcome = {
  kind: 'completion',
  startedAtMs: NOW - 120,
  latencyMs: 120,
  status: 200,
  errorKind: null,
  completion: { upstreamModel: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 8, outputTokens: 1 } },
};

describe('buildProbeRouteEvent', () => {
  it('charges a completed probe to the prober at the pack price', () => {
    const target = targetFixture({
      pricing: { inputMicroUsdPerMillion: 1_000_000n, outputMicroUsdPerMillion: 4_000_000n },
    });
    const event = buildProbeRouteEvent(target, completed, PACK, 'prober-a', NOW, REFUSE);
    expect(event).toMatchObject({
      type: 'route.completed',
      endpoint: 'chat.completions',
      caller: { key_id: 'prober', team: 'kt-prober' },
      requested_model: 'gpt-4o-mini',
      served: { target: 'openai-primary', provider: 'openai', upstream_model: 'gpt-4o-mini-2024-07-18' },
      usage: { input_tokens: 8, output_tokens: 1, total_tokens: 9 },
      // 8 × 1 + 1 × 4 micro-USD.
      cost: { micro_usd: '12', currency: 'USD', priced_by: 'pack' },
      pack: PACK,
      gateway: { instance_id: 'prober:prober-a' },
    });
    expect(event.attempts).toEqual([
      expect.objectContaining({ outcome: 'ok', cost_micro_usd: '12', status: 200 }),
    ]);
    expect(decodeRouteEvent(encodeEvent(event))).toEqual({ ok: true, value: event });
  });

  it('prices from the catalog when the pack has no pricing for the target', () => {
    const event = buildProbeRouteEvent(
      targetFixture(),
      {
        ...completed,
        completion: { upstreamModel: 'gpt-4o-mini', usage: { inputTokens: 1_000_000, outputTokens: 0 } },
      },
      PACK,
      'prober-a',
      NOW,
      REFUSE,
    );
    expect(event.cost).toEqual({
      micro_usd: '150000',
      currency: 'USD',
      priced_by: 'catalog',
      catalog: { name: '@pydantic/genai-prices', version: '0.1.8' },
    });
  });

  it('records a failed probe as a failed route with no cost', () => {
    const failed: ProbeOutcome = {
      kind: 'completion',
      startedAtMs: NOW - 5,
      latencyMs: 5,
      status: 429,
      errorKind: 'rate_limited',
    };
    const event = buildProbeRouteEvent(targetFixture(), failed, PACK, 'prober-a', NOW, REFUSE);
    expect(event).toMatchObject({
      type: 'route.failed',
      served: null,
      error_code: 'upstream_error',
      status: 429,
      cost: { micro_usd: '0', priced_by: 'unpriced' },
    });
    expect(event.attempts[0]).toMatchObject({ outcome: 'error', error_kind: 'rate_limited', usage: null });
    expect(decodeRouteEvent(encodeEvent(event))).toEqual({ ok: true, value: event });
  });

  it('books the pack fallback rate for a target nothing else prices, as the gateway does', () => {
    const target = targetFixture({ vendor: 'openai-compatible', model: 'llama-local' });
    const reserve: PackPricing = {
      unpricedUnderBlockBudget: 'reserve',
      fallbackRate: { inputMicroUsdPerMillion: 5_000_000n, outputMicroUsdPerMillion: 15_000_000n },
    };
    const event = buildProbeRouteEvent(target, completed, PACK, 'prober-a', NOW, reserve);
    // 8 × 5 + 1 × 15 micro-USD.
    expect(event.cost).toEqual({ micro_usd: '55', currency: 'USD', priced_by: 'pack' });
  });

  it('prices the target model, not the one the upstream reports: an Azure deployment without base_model is unpriced', () => {
    const target = targetFixture({ vendor: 'azure', model: 'prod-chat-deployment' });
    const event = buildProbeRouteEvent(
      target,
      {
        ...completed,
        completion: { upstreamModel: 'gpt-4o', usage: { inputTokens: 1_000, outputTokens: 500 } },
      },
      PACK,
      'prober-a',
      NOW,
      REFUSE,
    );
    expect(event.cost).toEqual({ micro_usd: '0', currency: 'USD', priced_by: 'unpriced' });
    expect(event.served).toMatchObject({ upstream_model: 'gpt-4o' });
  });

  it('prices 1-hour cache writes at their own rate', () => {
    const target = targetFixture({ vendor: 'anthropic', model: 'claude-opus-4-5' });
    const usage = { inputTokens: 1_010, outputTokens: 100, cacheWriteTokens: 1_000, cacheWrite1hTokens: 600 };
    const event = buildProbeRouteEvent(
      target,
      {
        ...completed,
        startedAtMs: Date.UTC(2026, 5, 1),
        completion: { upstreamModel: 'claude-opus-4-5', usage },
      },
      PACK,
      'prober-a',
      NOW,
      REFUSE,
    );
    // 10 × 5 + 400 × 6.25 + 600 × 10 + 100 × 25 micro-USD.
    expect(event.cost).toMatchObject({ micro_usd: '11050', priced_by: 'catalog' });
  });
});
