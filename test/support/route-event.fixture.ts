import type { RouteCompleted, RouteEvent } from '@kt/contracts';

/** A valid served route event for specs and benchmarks; override what the case is about. */
export function sampleRouteEvent(overrides: Partial<RouteCompleted> = {}): RouteEvent {
  return {
    schema: 'kt.route.v1',
    type: 'route.completed',
    event_id: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427',
    request_id: 'req-1',
    occurred_at: '2025-03-01T12:34:56.789Z',
    endpoint: 'chat.completions',
    stream: false,
    caller: { key_id: 'key_fin', team: 'finance' },
    requested_model: 'gpt-5.4-mini',
    group: 'production-llm',
    strategy: 'weighted_round_robin',
    attempts: [
      {
        target: 'openai-main',
        provider: 'openai',
        upstream_model: 'gpt-5.4-mini',
        started_at: '2025-03-01T12:34:56.000Z',
        status: 200,
        outcome: 'ok',
        error_kind: null,
        latency_ms: 100,
        ttft_ms: null,
        usage: { input_tokens: 10, output_tokens: 5 },
        cost_micro_usd: '1234',
      },
    ],
    served: { target: 'openai-main', provider: 'openai', upstream_model: 'gpt-5.4-mini' },
    status: 200,
    error_code: null,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    cost: { micro_usd: '1234', currency: 'USD', priced_by: 'catalog' },
    overhead_ms: 1,
    duration_ms: 101,
    pack: null,
    gateway: { instance_id: 'gw-1' },
    ...overrides,
  };
}
