import { describe, expect, it } from 'vitest';
import { formatEventLine, isTailEvent, TailWatermark, type TailEvent } from './tail.format.js';

const event = (id: string, at: string, extra: Partial<TailEvent> = {}): TailEvent => ({
  event_id: id,
  request_id: `req-${id}`,
  occurred_at: at,
  type: 'route.completed',
  status: 200,
  group: 'production-llm',
  requested_model: 'gpt-5.4-mini',
  caller: { key_id: 'key_1', team: 'search' },
  served: { target: 'openai-main', provider: 'openai' },
  attempts: [{ target: 'openai-main', provider: 'openai' }],
  usage: { input_tokens: 12, output_tokens: 5 },
  cost: { micro_usd: '1250' },
  ...extra,
});

describe('formatEventLine', () => {
  it.each([
    [
      'a served request',
      event('a', '2026-11-24T10:00:00.000Z'),
      '2026-11-24T10:00:00.000Z  completed  200  openai/openai-main  production-llm  gpt-5.4-mini  search  12→5 tok  $0.001250  req-a',
    ],
    [
      'a failure, shown at its last attempt',
      event('b', '2026-11-24T10:00:01.000Z', {
        type: 'route.failed',
        status: 502,
        served: null,
        attempts: [
          { target: 'openai-main', provider: 'openai' },
          { target: 'azure-eu', provider: 'azure' },
        ],
        cost: { micro_usd: '0' },
      }),
      '2026-11-24T10:00:01.000Z  failed  502  azure/azure-eu  production-llm  gpt-5.4-mini  search  12→5 tok  $0.000000  req-b',
    ],
    [
      'a rejection without caller, group or attempt',
      event('c', '2026-11-24T10:00:02.000Z', {
        type: 'route.rejected',
        status: 401,
        served: null,
        attempts: [],
        caller: null,
        group: null,
        requested_model: '',
        usage: { input_tokens: 0, output_tokens: 0 },
        cost: { micro_usd: '0' },
      }),
      '2026-11-24T10:00:02.000Z  rejected  401  (rejected)  -  -  -  0→0 tok  $0.000000  req-c',
    ],
    [
      'unpriced tokens, never as $0',
      event('d', '2026-11-24T10:00:03.000Z', { cost: { micro_usd: '0', priced_by: 'unpriced' } }),
      '2026-11-24T10:00:03.000Z  completed  200  openai/openai-main  production-llm  gpt-5.4-mini  search  12→5 tok  unpriced  req-d',
    ],
    [
      'an estimated cost, marked',
      event('e', '2026-11-24T10:00:04.000Z', { cost: { micro_usd: '17', priced_by: 'estimate' } }),
      '2026-11-24T10:00:04.000Z  completed  200  openai/openai-main  production-llm  gpt-5.4-mini  search  12→5 tok  $0.000017 (estimated)  req-e',
    ],
  ])('prints %s on one line', (_name, e, line) => {
    expect(formatEventLine(e)).toBe(line);
  });

  it('reads only well-formed events', () => {
    expect(isTailEvent(event('a', '2026-11-24T10:00:00.000Z'))).toBe(true);
    expect(isTailEvent({ event_id: 'x' })).toBe(false);
    expect(isTailEvent(null)).toBe(false);
  });
});

describe('TailWatermark', () => {
  it('prints each event once, oldest first, even when a late one arrives behind newer ones', () => {
    const mark = new TailWatermark(new Date('2026-11-24T10:00:00.000Z'), 60_000);
    const first = mark.admit([
      event('b', '2026-11-24T10:00:05.000Z'),
      event('a', '2026-11-24T10:00:01.000Z'),
    ]);
    expect(first.map((e) => e.event_id)).toEqual(['a', 'b']);
    expect(mark.since.toISOString()).toBe('2026-11-24T09:59:05.000Z');
    const second = mark.admit([
      event('c', '2026-11-24T10:00:09.000Z'),
      event('b', '2026-11-24T10:00:05.000Z'),
      event('late', '2026-11-24T10:00:03.000Z'),
    ]);
    expect(second.map((e) => e.event_id)).toEqual(['late', 'c']);
    expect(mark.admit([event('c', '2026-11-24T10:00:09.000Z')])).toEqual([]);
  });
});
