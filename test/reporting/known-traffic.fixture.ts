import { randomUUID } from 'node:crypto';
import type { Attempt, RouteEvent } from '@kt/contracts';
import { sampleRouteEvent } from '../support/route-event.fixture.js';

const PROVIDERS = ['openai', 'azure', 'anthropic'] as const;
const GROUPS = ['chat', 'embed', null] as const;
const TEAMS = ['finance', 'search', null] as const;
const MINUTE = 60_000;

/**
 * Route events of known composition for report tests: three providers (main and backup targets),
 * groups, teams (and none), four keys, every `stepMinutes` from `start` (so they span hours, days
 * and, from late October, a month end), with failures (upstream errors, some costing money),
 * rejections (no provider at all) and fallbacks. Deterministic in `n`; ids are fresh per call.
 */
export function knownTraffic(count: number, start: Date, stepMinutes = 37, tag = 'known'): RouteEvent[] {
  return Array.from({ length: count }, (_, n) =>
    knownEvent(n, new Date(start.getTime() + n * stepMinutes * MINUTE), tag),
  );
}

function knownEvent(n: number, at: Date, tag: string): RouteEvent {
  const provider = PROVIDERS[n % 3] ?? 'openai';
  const target = n % 5 === 0 ? `${provider}-backup` : `${provider}-main`;
  const model = `${provider}-model-${n % 2}`;
  const occurredAt = at.toISOString();
  const input = 10 + (n % 50);
  const output = 3 + (n % 20);
  const cost = String(100 + ((n * 7919) % 50_000));
  const base = {
    event_id: randomUUID(),
    request_id: `${tag}-${n}`,
    occurred_at: occurredAt,
    caller: { key_id: `key-${n % 4}`, team: TEAMS[(n * 7) % 3] ?? null },
    group: GROUPS[n % 3] ?? null,
    requested_model: `${provider}-alias`,
  };
  const ok = (t: string): Attempt => ({
    target: t,
    provider,
    upstream_model: model,
    started_at: occurredAt,
    status: 200,
    outcome: 'ok',
    error_kind: null,
    latency_ms: 50,
    ttft_ms: null,
    usage: { input_tokens: input, output_tokens: output },
    cost_micro_usd: cost,
  });
  const failed = (t: string, spent: string): Attempt => ({
    ...ok(t),
    status: 502,
    outcome: 'error',
    error_kind: 'server_error',
    usage: null,
    cost_micro_usd: spent,
  });
  if (n % 17 === 0) {
    return {
      ...sampleRouteEvent(),
      ...base,
      type: 'route.rejected',
      attempts: [],
      served: null,
      status: n % 2 === 0 ? 429 : 402,
      error_code: n % 2 === 0 ? 'rate_limited' : 'budget_exceeded',
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
    };
  }
  if (n % 13 === 0) {
    const spent = n % 2 === 0 ? '7' : '0';
    return {
      ...sampleRouteEvent(),
      ...base,
      type: 'route.failed',
      attempts: [failed(target, spent)],
      served: null,
      status: 502,
      error_code: 'upstream_error',
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      cost: { micro_usd: spent, currency: 'USD', priced_by: 'provider' },
    };
  }
  const attempts = n % 7 === 0 ? [failed(`${provider}-flaky`, '0'), ok(target)] : [ok(target)];
  return sampleRouteEvent({
    ...base,
    attempts,
    served: { target, provider, upstream_model: model },
    usage: { input_tokens: input, output_tokens: output, total_tokens: input + output },
    cost: { micro_usd: cost, currency: 'USD', priced_by: n % 4 === 0 ? 'provider' : 'catalog' },
  });
}

/** The dimensions a report books an event under: the served target, else the last one tried, else ''. */
export function dimensionsOf(
  event: RouteEvent,
): Readonly<Record<'provider' | 'target' | 'group' | 'model' | 'team' | 'key', string>> {
  const route = event.served ?? event.attempts.at(-1);
  return {
    provider: route?.provider ?? '',
    target: route?.target ?? '',
    group: event.group ?? '',
    model: route?.upstream_model ?? event.requested_model,
    team: event.caller?.team ?? '',
    key: event.caller?.key_id ?? '',
  };
}
