import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerTransition, type CircuitBreakerOptions } from './circuit.breaker.js';

const OPTIONS: CircuitBreakerOptions = { failureThreshold: 3, cooldownSeconds: 30, halfOpenMaxRequests: 2 };

type Step =
  | readonly ['fail' | 'ok' | 'release', number]
  | readonly ['acquire', number, boolean]
  | readonly ['force', number, number]
  | readonly ['state', number, string];

/** Runs a script of calls against one breaker; `state` and `acquire` steps assert. */
function run(steps: readonly Step[], options = OPTIONS): BreakerTransition[] {
  const transitions: BreakerTransition[] = [];
  const breaker = new CircuitBreaker(options, (t) => transitions.push(t));
  for (const step of steps) {
    if (step[0] === 'fail') breaker.onFailure(step[1]);
    else if (step[0] === 'ok') breaker.onSuccess(step[1]);
    else if (step[0] === 'release') breaker.release(step[1]);
    else if (step[0] === 'acquire')
      expect(breaker.tryAcquire(step[1]), `acquire at ${step[1]}`).toBe(step[2]);
    else if (step[0] === 'force') breaker.forceOpen(step[1], step[2]);
    else expect(breaker.state(step[1]), `state at ${step[1]}`).toBe(step[2]);
  }
  return transitions;
}

const path = (transitions: readonly BreakerTransition[]) =>
  transitions.map((t) => `${t.from}>${t.to}:${t.reason}@${t.atMs}`);

describe('CircuitBreaker', () => {
  it.each<[string, readonly Step[], readonly string[]]>([
    [
      'stays closed below the threshold of consecutive failures',
      [
        ['fail', 1],
        ['fail', 2],
        ['state', 3, 'closed'],
        ['acquire', 3, true],
      ],
      [],
    ],
    [
      'opens after threshold consecutive failures and rejects fast',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['state', 4, 'open'],
        ['acquire', 29_000, false],
      ],
      ['closed>open:failure_threshold@3'],
    ],
    [
      'a success in between resets the count',
      [
        ['fail', 1],
        ['fail', 2],
        ['ok', 3],
        ['fail', 4],
        ['fail', 5],
        ['state', 6, 'closed'],
      ],
      [],
    ],
    [
      'goes half-open once the cooldown has passed',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['state', 30_002, 'open'],
        ['state', 30_003, 'half_open'],
      ],
      ['closed>open:failure_threshold@3', 'open>half_open:cooldown_elapsed@30003'],
    ],
    [
      'admits at most half_open_max_requests concurrent trials',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['acquire', 30_003, true],
        ['acquire', 30_004, true],
        ['acquire', 30_005, false],
      ],
      ['closed>open:failure_threshold@3', 'open>half_open:cooldown_elapsed@30003'],
    ],
    [
      'closes when the trials succeed',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['acquire', 30_003, true],
        ['acquire', 30_003, true],
        ['ok', 30_100],
        ['state', 30_101, 'half_open'],
        ['ok', 30_200],
        ['state', 30_201, 'closed'],
      ],
      [
        'closed>open:failure_threshold@3',
        'open>half_open:cooldown_elapsed@30003',
        'half_open>closed:trials_succeeded@30200',
      ],
    ],
    [
      'reopens for a new cooldown on any trial failure',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['acquire', 30_003, true],
        ['acquire', 30_003, true],
        ['ok', 30_100],
        ['fail', 30_200],
        ['state', 60_199, 'open'],
        ['state', 60_200, 'half_open'],
      ],
      [
        'closed>open:failure_threshold@3',
        'open>half_open:cooldown_elapsed@30003',
        'half_open>open:trial_failed@30200',
        'open>half_open:cooldown_elapsed@60200',
      ],
    ],
    [
      'frees a trial slot when a trial ends without a health verdict',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['acquire', 30_003, true],
        ['acquire', 30_003, true],
        ['release', 30_050],
        ['acquire', 30_060, true],
        ['acquire', 30_061, false],
      ],
      ['closed>open:failure_threshold@3', 'open>half_open:cooldown_elapsed@30003'],
    ],
    [
      'ignores late results while open: no extension, no closing',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['fail', 20_000],
        ['ok', 20_001],
        ['state', 30_003, 'half_open'],
      ],
      ['closed>open:failure_threshold@3', 'open>half_open:cooldown_elapsed@30003'],
    ],
    [
      'opens when forced and stays open until the given time',
      [
        ['force', 50_000, 10],
        ['acquire', 49_999, false],
        ['state', 50_000, 'half_open'],
      ],
      ['closed>open:forced@10', 'open>half_open:cooldown_elapsed@50000'],
    ],
    [
      'a forced period never shortens an open one',
      [
        ['fail', 1],
        ['fail', 2],
        ['fail', 3],
        ['force', 10_000, 5],
        ['state', 29_999, 'open'],
        ['force', 90_000, 6],
        ['state', 89_999, 'open'],
      ],
      ['closed>open:failure_threshold@3'],
    ],
    [
      'ignores a forced period already over',
      [
        ['force', 100, 100],
        ['state', 100, 'closed'],
      ],
      [],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(path(run(steps))).toEqual(expected);
  });

  it('with a threshold of one, a single failure opens it', () => {
    expect(path(run([['fail', 7]], { ...OPTIONS, failureThreshold: 1 }))).toEqual([
      'closed>open:failure_threshold@7',
    ]);
  });

  it('allowsRequest reserves nothing, unlike tryAcquire', () => {
    const breaker = new CircuitBreaker({ ...OPTIONS, halfOpenMaxRequests: 1 });
    for (const at of [1, 2, 3]) breaker.onFailure(at);
    expect(breaker.allowsRequest(30_003)).toBe(true);
    expect(breaker.allowsRequest(30_003)).toBe(true);
    expect(breaker.tryAcquire(30_003)).toBe(true);
    expect(breaker.allowsRequest(30_004)).toBe(false);
  });

  it('shares its open period for other gateways', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    expect(breaker.openUntilMs(0)).toBeUndefined();
    for (const at of [1, 2, 3]) breaker.onFailure(at);
    expect(breaker.openUntilMs(4)).toBe(30_003);
  });

  it('never opens when disabled', () => {
    const breaker = new CircuitBreaker({ ...OPTIONS, enabled: false });
    for (let at = 0; at < 10; at++) breaker.onFailure(at);
    breaker.forceOpen(1_000_000, 10);
    expect(breaker.state(11)).toBe('closed');
    expect(breaker.tryAcquire(11)).toBe(true);
  });
});
