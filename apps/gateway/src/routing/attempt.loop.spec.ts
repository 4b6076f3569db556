import { describe, expect, it } from 'vitest';
import { parsePack } from '@kt/pack';
import {
  UpstreamError,
  type ChatCompletion,
  type ProviderAdapter,
  type ProviderAdapters,
  type UpstreamResponse,
} from '@kt/providers';
import { BudgetView } from '../state/budget.view.js';
import { RouteRecord } from '../events/route.record.js';
import { TargetHealth } from '../state/target.health.js';
import { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetStats } from '../state/target.stats.js';
import type { AttemptCall } from './attempt.call.js';
import { runAttempts } from './attempt.loop.js';
import { planRoute } from './route.planner.js';
import { CLIENT_GONE } from './served.js';

const PACK = `
pack: { name: loop-test, version: "1.0.0", enabled: true }
providers:
  routing: { strategy: ordered }
  fallback: { enabled: true, retry: { max_retries: 0 } }
  circuit_breaker: { failure_threshold: 50, cooldown_seconds: 30 }
  model_groups:
    - name: chat
      targets: [a, b]
  targets:
    - { id: a, provider: "openai:chat:gpt-5.4-mini" }
    - { id: b, provider: "anthropic:chat:claude-3-5-sonnet-20241022" }
`;
const TIMEOUTS = { connectMs: 1000, totalMs: 1000, firstTokenMs: 1000 };
type Answer = UpstreamResponse<ChatCompletion>;
type Behaviour = () => Promise<Answer>;

const ok: Behaviour = () =>
  Promise.resolve({
    status: 200,
    body: { choices: [] } as unknown as ChatCompletion,
    usage: { inputTokens: 10, outputTokens: 5 },
    upstreamModel: 'm',
    upstreamRequestId: null,
  });
const failing =
  (kind: ConstructorParameters<typeof UpstreamError>[0], status: number, retryAfterMs?: number): Behaviour =>
  () =>
    Promise.reject(
      new UpstreamError(kind, `upstream ${kind}`, { status, retryAfterMs: retryAfterMs ?? null }),
    );

/** An in-memory adapter per vendor, answering as told: no network in a unit spec. */
function adapters(byVendor: Record<string, Behaviour>): ProviderAdapters {
  const map = new Map<string, ProviderAdapter>();
  for (const [vendor, behaviour] of Object.entries(byVendor)) {
    map.set(vendor, {
      vendor,
      chat: behaviour,
      chatStream: () => Promise.reject(new Error('not streamed here')),
    } as unknown as ProviderAdapter);
  }
  return map as unknown as ProviderAdapters;
}

const CALL: AttemptCall<Answer> = {
  kind: 'chat',
  streaming: false,
  usageBound: { inputTokens: 10, outputTokens: 5 },
  invoke: (adapter, call) => adapter.chat({ ...call, body: { model: 'chat', messages: [] } as never }),
  usage: (result) => result.usage,
};

async function run(byVendor: Record<string, Behaviour>, signal = new AbortController().signal) {
  const result = parsePack(PACK, { source: 'test', env: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const runtime = new PackRuntime(result.pack, {});
  const stats = new TargetStats();
  const planned = planRoute({
    runtime,
    model: 'chat',
    kind: 'chat',
    options: {},
    caller: null,
    budgets: new BudgetView(),
    health: new TargetHealth(),
    stats,
    nowMs: Date.now(),
    random: () => 0,
  });
  if (!planned.ok) throw new Error('planning refused');
  const record = new RouteRecord('r1', 'chat.completions', false, 'chat');
  let settled = 0;
  const settleBudgets = (): void => void settled++;
  const run = {
    plan: planned.plan,
    runtime,
    record,
    signal,
    call: CALL,
    settleBudgets,
    reservations: undefined,
  };
  const routed = await runAttempts(run, adapters(byVendor), TIMEOUTS, stats);
  return { routed, record, settled, stats };
}

describe('runAttempts', () => {
  it('serves from the first target that answers, and records the attempt as served', async () => {
    const { routed, record } = await run({ openai: ok, anthropic: ok });
    expect(routed.ok).toBe(true);
    expect(record.attempts.map((a) => a.target.id)).toEqual(['a']);
    expect(record.served?.target.id).toBe('a');
    expect(record.attempts[0]!.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
  });

  it('falls back to the next target on a server error', async () => {
    const { routed, record } = await run({ openai: failing('server_error', 500), anthropic: ok });
    expect(routed.ok && routed.target.id).toBe('b');
    expect(record.attempts.map((a) => [a.target.id, a.errorKind])).toEqual([
      ['a', 'server_error'],
      ['b', null],
    ]);
  });

  it("relays an upstream 4xx as the client's error, without falling back", async () => {
    const { routed, record } = await run({ openai: failing('client_error', 422), anthropic: ok });
    expect(routed).toMatchObject({
      ok: false,
      failure: { code: 'invalid_request_error', details: { status: 422 } },
    });
    expect(record.attempts).toHaveLength(1);
  });

  it('answers rate_limited with the shortest wait when every target is rate-limited', async () => {
    const { routed } = await run({
      openai: failing('rate_limited', 429, 4_000),
      anthropic: failing('rate_limited', 429, 2_500),
    });
    expect(routed).toMatchObject({
      ok: false,
      failure: { code: 'rate_limited', details: { retryAfterSeconds: 3 } },
    });
  });

  it('answers upstream_error naming each attempt when every target fails', async () => {
    const { routed } = await run({ openai: failing('server_error', 500), anthropic: failing('timeout', 0) });
    expect(routed).toMatchObject({
      ok: false,
      failure: {
        code: 'upstream_error',
        message: 'No upstream could serve the request (a → server_error, b → timeout)',
      },
    });
  });

  it('stops when the client has gone, without trying another target', async () => {
    const controller = new AbortController();
    controller.abort();
    const { routed, record } = await run(
      { openai: failing('server_error', 500), anthropic: ok },
      controller.signal,
    );
    expect(routed).toEqual({ ok: false, failure: CLIENT_GONE });
    expect(record.attempts).toHaveLength(1);
  });

  it('throws only a defect: an adapter failing with something other than an UpstreamError', async () => {
    await expect(run({ openai: () => Promise.reject(new TypeError('bug')), anthropic: ok })).rejects.toThrow(
      'bug',
    );
  });

  it('counts every attempt in and out of flight', async () => {
    const { stats } = await run({ openai: failing('server_error', 500), anthropic: ok });
    expect(stats.inFlight('a')).toBe(0);
    expect(stats.inFlight('b')).toBe(0);
  });
});
