import { describe, expect, it } from 'vitest';
import { TargetHealth, type ProbeObservation } from './target.health.js';

const sample = (targetId: string, ok: boolean, atMs: number): ProbeObservation => ({
  targetId,
  ok,
  atMs,
  latencyMs: 12,
  errorKind: ok ? null : 'timeout',
  source: 'prober-1',
});

describe('TargetHealth', () => {
  it.each([
    ['an unprobed target is not down', [], false],
    ['a failed probe marks the target down', [sample('a', false, 1)], true],
    ['a later successful probe brings it back', [sample('a', false, 1), sample('a', true, 2)], false],
    [
      'an older success arriving late does not undo a fresher failure',
      [sample('a', false, 5), sample('a', true, 2)],
      true,
    ],
    ['samples of other targets do not count', [sample('b', false, 1)], false],
  ])('%s', (_name, samples, down) => {
    const health = new TargetHealth();
    for (const s of samples) health.record(s);
    expect(health.isDown('a')).toBe(down);
  });

  it('keeps the last verdict with its time and source', () => {
    const health = new TargetHealth();
    health.record(sample('a', false, 7));
    expect(health.last('a')).toEqual({
      ok: false,
      atMs: 7,
      latencyMs: 12,
      errorKind: 'timeout',
      source: 'prober-1',
    });
  });
});
