import { decodeRouteEvent, encodeEvent } from '@kt/contracts';
import type { Target } from '@kt/pack';
import { describe, expect, it } from 'vitest';
import { buildRouteEvent } from './route-event.builder.js';
import { RouteRecord, type AttemptRecord } from './route.record.js';

const target = (id: string, vendor: Target['vendor']): Target => ({ id, vendor }) as unknown as Target;

const attempt = (over: Partial<AttemptRecord> & Pick<AttemptRecord, 'target'>): AttemptRecord => ({
  startedAtMs: Date.UTC(2026, 10, 24, 12),
  upstreamModel: 'gpt-5.4-mini',
  latencyMs: 12.3456,
  ttftMs: null,
  status: 200,
  errorKind: null,
  usage: null,
  costMicroUsd: 0n,
  pricedBy: 'catalog',
  ...over,
});

const pack = { name: 'multi-provider-core', version: '1.0.0', sha256: 'a'.repeat(64) };

describe('buildRouteEvent', () => {
  it('names the catalog that priced an attempt, and none when no attempt was catalog-priced', () => {
    const catalog = { name: '@pydantic/genai-prices', version: '0.1.8' };
    const build = (attempts: AttemptRecord[]) => {
      const record = new RouteRecord('req-c', 'chat.completions', false, 'gpt-5.4-mini');
      record.attempts.push(...attempts);
      record.served = attempts.at(-1)!;
      return buildRouteEvent(
        record,
        { status: 200, errorCode: null, rejected: false },
        pack,
        'gw-1',
        Date.now(),
      );
    };
    const used = { usage: { inputTokens: 10, outputTokens: 20 }, costMicroUsd: 99n } as const;
    expect(build([attempt({ target: target('a', 'openai'), ...used, catalog })]).cost).toEqual({
      micro_usd: '99',
      currency: 'USD',
      priced_by: 'catalog',
      catalog,
    });
    expect(
      build([attempt({ target: target('a', 'openai'), ...used, pricedBy: 'pack' })]).cost,
    ).not.toHaveProperty('catalog');
  });

  it('records a fallback: the failed attempt, the served one, summed usage and cost', () => {
    const record = new RouteRecord('req-1', 'chat.completions', false, 'gpt-5.4-mini');
    record.caller = { key_id: 'k1', team: 'demo' };
    record.group = 'production-llm';
    record.strategy = 'weighted_round_robin';
    record.attempts.push(
      attempt({ target: target('openai-main', 'openai'), status: 503, errorKind: 'service_unavailable' }),
      attempt({
        target: target('azure-secondary', 'azure'),
        usage: { inputTokens: 10, outputTokens: 20 },
        costMicroUsd: 1234n,
        pricedBy: 'pack',
      }),
    );
    record.served = record.attempts[1]!;
    const event = buildRouteEvent(
      record,
      { status: 200, errorCode: null, rejected: false },
      pack,
      'gw-1',
      Date.UTC(2026, 10, 24, 12, 0, 1),
    );

    expect(event).toMatchObject({
      type: 'route.completed',
      request_id: 'req-1',
      occurred_at: '2026-11-24T12:00:01.000Z',
      served: { target: 'azure-secondary', provider: 'azure', upstream_model: 'gpt-5.4-mini' },
      usage: { input_tokens: 10, output_tokens: 20, total_tokens: 30 },
      cost: { micro_usd: '1234', currency: 'USD', priced_by: 'pack' },
      error_code: null,
    });
    expect(event.attempts.map((a) => [a.target, a.outcome, a.error_kind])).toEqual([
      ['openai-main', 'error', 'service_unavailable'],
      ['azure-secondary', 'ok', null],
    ]);
    expect(decodeRouteEvent(encodeEvent(event))).toMatchObject({ ok: true });
  });

  it('flags the request unpriced when any attempt that used tokens was unpriced', () => {
    const record = new RouteRecord('req-2', 'chat.completions', true, 'm');
    record.attempts.push(
      attempt({
        target: target('a', 'openai'),
        usage: { inputTokens: 1, outputTokens: 1 },
        costMicroUsd: 5n,
        pricedBy: 'catalog',
      }),
      attempt({
        target: target('b', 'azure'),
        usage: { inputTokens: 1, outputTokens: 1 },
        pricedBy: 'unpriced',
      }),
    );
    record.served = record.attempts[1]!;
    const event = buildRouteEvent(record, { status: 200, errorCode: null, rejected: false }, pack, 'gw', 0);
    expect(event.cost).toEqual({ micro_usd: '5', currency: 'USD', priced_by: 'unpriced' });
  });

  it.each([
    [true, 'route.rejected'],
    [false, 'route.failed'],
  ] as const)(
    'a request that was refused (rejected: %s) becomes %s with its error code',
    (rejected, type) => {
      const record = new RouteRecord('req-3', 'embeddings', false, 'nope');
      const event = buildRouteEvent(
        record,
        { status: 404, errorCode: 'model_not_found', rejected },
        null,
        'gw',
        0,
      );
      expect(event).toMatchObject({ type, status: 404, error_code: 'model_not_found', served: null });
      expect(event.cost).toEqual({ micro_usd: '0', currency: 'USD', priced_by: 'unpriced' });
      expect(decodeRouteEvent(encodeEvent(event))).toMatchObject({ ok: true });
    },
  );

  it('records a client-chosen model PostgreSQL could not store with U+FFFD in its place', () => {
    const record = new RouteRecord('req-nul', 'chat.completions', false, 'gpt\u0000x\ud800');
    const event = buildRouteEvent(
      record,
      { status: 401, errorCode: 'unauthorized', rejected: true },
      pack,
      'gw',
      0,
    );
    expect(event.requested_model).toBe('gpt\ufffdx\ufffd');
    expect(decodeRouteEvent(encodeEvent(event))).toMatchObject({ ok: true });
  });

  it("keeps the caller's request id beside kt's, and only when there is one", () => {
    const outcome = { status: 404, errorCode: 'model_not_found', rejected: true } as const;
    const plain = buildRouteEvent(new RouteRecord('req-4', 'embeddings', false, 'e'), outcome, pack, 'gw', 0);
    expect(plain).not.toHaveProperty('client_request_id');
    const record = new RouteRecord('req-5', 'embeddings', false, 'e');
    record.clientRequestId = 'caller-1';
    const event = buildRouteEvent(record, outcome, pack, 'gw', 0);
    expect(event).toMatchObject({ request_id: 'req-5', client_request_id: 'caller-1' });
    expect(decodeRouteEvent(encodeEvent(event))).toMatchObject({ ok: true, value: event });
  });
});
