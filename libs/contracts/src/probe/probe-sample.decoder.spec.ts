import { describe, expect, it } from 'vitest';
import { probeHealthy, probeUnavailable } from '../fixtures/events.fixture.js';
import { mutate, REMOVE } from '../fixtures/record-mutator.fixture.js';
import { decodeProbeSample } from './probe-sample.decoder.js';

describe('decodeProbeSample', () => {
  it.each([
    ['a healthy sample', probeHealthy],
    ['a sample of a target whose secret is not set', probeUnavailable],
    [
      'a sample that timed out with no response',
      { ...probeUnavailable, error_kind: 'timeout', latency_ms: 5000.5 },
    ],
    [
      'a breaker opening shared by a gateway',
      { ...probeUnavailable, kind: 'gateway', error_kind: 'circuit_open', prober: { instance_id: 'gw-a' } },
    ],
  ])('decodes %s', (_name, sample) => {
    expect(decodeProbeSample(Buffer.from(JSON.stringify(sample)))).toEqual({ ok: true, value: sample });
  });

  it.each([
    [
      'a failed sample without an error kind',
      mutate(probeUnavailable, 'error_kind', null),
      'error_kind: expected an error kind when ok is false, got null',
    ],
    [
      'a healthy sample with an error kind',
      mutate(probeHealthy, 'error_kind', 'timeout'),
      'error_kind: expected null when ok is true, got a string',
    ],
    [
      'an unknown error kind',
      mutate(probeUnavailable, 'error_kind', 'gone'),
      /^error_kind: expected one of "rate_limited", .*"circuit_open", "unavailable" or null, got a string$/,
    ],
    [
      'an unknown probe kind',
      mutate(probeHealthy, 'kind', 'ping'),
      'kind: expected one of "models", "completion", "gateway", got a string',
    ],
    ['ok given as a string', mutate(probeHealthy, 'ok', 'true'), 'ok: expected a boolean, got a string'],
    ['a missing prober', mutate(probeHealthy, 'prober', REMOVE), 'prober: expected an object, got missing'],
    [
      'a local time',
      mutate(probeHealthy, 'observed_at', '2025-03-01 12:00:05'),
      'observed_at: expected an RFC 3339 UTC timestamp ending in Z, got a string',
    ],
    ['a route event sent to the wrong topic', { schema: 'kt.route.v1' }, 'unknown schema "kt.route.v1"'],
    [
      'an unknown type',
      mutate(probeHealthy, 'type', 'probe.skipped'),
      'unknown type "probe.skipped" for schema "kt.probe.v1"',
    ],
  ])('refuses %s', (_name, record, reason) => {
    const result = decodeProbeSample(record);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
