import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../failure/failure.classifier.js';
import { recordOutcome } from './breaker.outcome.js';
import { CircuitBreakerRegistry } from './breaker.registry.js';

const OPTIONS = { failureThreshold: 2, cooldownSeconds: 10, halfOpenMaxRequests: 1 };

describe('CircuitBreakerRegistry', () => {
  it('keeps one breaker per target and names the target in transitions', () => {
    const seen: string[] = [];
    const registry = new CircuitBreakerRegistry(OPTIONS, (id, t) => seen.push(`${id}:${t.to}`));
    expect(registry.get('a')).toBe(registry.get('a'));
    registry.get('a').onFailure(1);
    registry.get('a').onFailure(2);
    expect(registry.get('b').state(3)).toBe('closed');
    expect(seen).toEqual(['a:open']);
    expect(registry.targetIds()).toEqual(['a', 'b']);
  });
});

describe('recordOutcome', () => {
  it.each([
    ['503s open the breaker', { errorKind: 'service_unavailable', status: 503 }, 'open'],
    ['timeouts open the breaker', { errorKind: 'timeout' }, 'open'],
    ['refused connections open the breaker', { errorKind: 'connection_error' }, 'open'],
    ['400s never open the breaker', { errorKind: 'client_error', status: 400 }, 'closed'],
    ['404s never open the breaker', { errorKind: 'client_error', status: 404 }, 'closed'],
    ['422s never open the breaker', { errorKind: 'client_error', status: 422 }, 'closed'],
    ['client aborts never open the breaker', { errorKind: 'aborted' }, 'closed'],
  ] as const)('%s', (_name, failure, state) => {
    const breaker = new CircuitBreakerRegistry(OPTIONS).get('t');
    recordOutcome(breaker, 1, classifyFailure(failure));
    recordOutcome(breaker, 2, classifyFailure(failure));
    expect(breaker.state(3)).toBe(state);
  });

  it('closes a half-open breaker on a successful trial and frees the slot on a client error', () => {
    const breaker = new CircuitBreakerRegistry(OPTIONS).get('t');
    breaker.forceOpen(100, 0);
    expect(breaker.tryAcquire(100)).toBe(true);
    recordOutcome(breaker, 101, classifyFailure({ errorKind: 'client_error', status: 400 }));
    expect(breaker.state(102)).toBe('half_open');
    expect(breaker.tryAcquire(102)).toBe(true);
    recordOutcome(breaker, 103);
    expect(breaker.state(104)).toBe('closed');
  });
});
