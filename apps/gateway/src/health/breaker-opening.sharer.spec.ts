import { describe, expect, it } from 'vitest';
import { decodeProbeSample, encodeEvent } from '@kt/contracts';
import type { BreakerTransition } from '@kt/routing';
import { breakerOpenedSample, isSharedOpening } from './breaker-opening.sharer.js';

describe('breaker openings shared with peer gateways', () => {
  it.each<[string, BreakerTransition, boolean]>([
    [
      'an opening after the failure threshold is shared',
      { from: 'closed', to: 'open', reason: 'failure_threshold', atMs: 1 },
      true,
    ],
    [
      'a failed half-open trial is shared',
      { from: 'half_open', to: 'open', reason: 'trial_failed', atMs: 1 },
      true,
    ],
    [
      'an opening forced by a peer is not shared back',
      { from: 'closed', to: 'open', reason: 'forced', atMs: 1 },
      false,
    ],
    [
      'a closing is not shared',
      { from: 'half_open', to: 'closed', reason: 'trials_succeeded', atMs: 1 },
      false,
    ],
  ])('%s', (_name, transition, shared) => {
    expect(isSharedOpening(transition)).toBe(shared);
  });

  it('publishes a valid probe sample of kind gateway naming this instance', () => {
    const sample = breakerOpenedSample(
      { id: 'openai-main', vendor: 'openai' },
      'gw-a',
      Date.parse('2026-03-01T12:00:00Z'),
    );
    const decoded = decodeProbeSample(encodeEvent(sample));
    expect(decoded).toEqual({ ok: true, value: sample });
    expect(sample).toMatchObject({
      kind: 'gateway',
      ok: false,
      error_kind: 'circuit_open',
      observed_at: '2026-03-01T12:00:00.000Z',
      prober: { instance_id: 'gw-a' },
    });
  });
});
