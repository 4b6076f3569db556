import type { Target } from '@kt/pack';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../events/route.record.js';
import { fallbacksOf } from './fallback.transitions.js';

const attempt = (targetId: string, errorKind: AttemptRecord['errorKind'] = null): AttemptRecord => ({
  target: { id: targetId, vendor: 'openai' } as unknown as Target,
  startedAtMs: 0,
  upstreamModel: 'm',
  latencyMs: 1,
  ttftMs: null,
  status: errorKind === null ? 200 : 503,
  errorKind,
  usage: null,
  costMicroUsd: 0n,
  pricedBy: 'catalog',
});

describe('fallbacksOf', () => {
  it.each([
    { name: 'a request served by its first target has no fallback', attempts: [attempt('a')], moves: [] },
    {
      name: 'retries on the same target are not fallbacks',
      attempts: [attempt('a', 'timeout'), attempt('a', 'timeout'), attempt('a')],
      moves: [],
    },
    {
      name: 'each move to another target after a failure is one fallback',
      attempts: [attempt('a', 'service_unavailable'), attempt('b', 'timeout'), attempt('c')],
      moves: [
        ['a', 'b'],
        ['b', 'c'],
      ],
    },
    {
      name: 'a target skipped because its breaker is open is not a move',
      attempts: [attempt('a', 'circuit_open'), attempt('b')],
      moves: [],
    },
    {
      name: 'a skip between two tried targets still counts the move between them',
      attempts: [attempt('a', 'timeout'), attempt('b', 'circuit_open'), attempt('c')],
      moves: [['a', 'c']],
    },
  ])('$name', ({ attempts, moves }) => {
    expect(fallbacksOf(attempts)).toEqual(moves);
  });
});
