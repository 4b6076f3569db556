import { describe, expect, it } from 'vitest';
import { NO_FAULTS } from './fault.model.js';
import { formatFaultSpec, parseFaultSpec, parseLatency } from './fault.parser.js';

describe('parseLatency', () => {
  it.each([
    [0, { kind: 'fixed', ms: 0 }],
    [25, { kind: 'fixed', ms: 25 }],
    ['25', { kind: 'fixed', ms: 25 }],
    ['fixed:40', { kind: 'fixed', ms: 40 }],
    ['uniform:10:50', { kind: 'uniform', min: 10, max: 50 }],
    ['uniform:5:5', { kind: 'uniform', min: 5, max: 5 }],
    ['normal:100:20', { kind: 'normal', mean: 100, stddev: 20 }],
  ])('reads %j', (input, expected) => {
    expect(parseLatency(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    -1,
    'abc',
    '',
    'uniform:50:10',
    'uniform:10',
    'normal:1:2:3',
    'gauss:1:2',
    'fixed:-3',
    '10:20',
    Number.NaN,
    true,
    null,
  ])('rejects %j naming the field and the accepted forms', (input) => {
    const parsed = parseLatency(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors[0]).toMatch(
        /^latency: expected ms or "fixed:ms", "uniform:min:max", "normal:mean:stddev"/,
      );
  });
});

describe('parseFaultSpec', () => {
  it('gives no faults for an empty object', () => {
    expect(parseFaultSpec({}, 'openai')).toEqual({ ok: true, value: NO_FAULTS });
  });

  it('reads every field', () => {
    const parsed = parseFaultSpec(
      {
        latency: 'uniform:1:3',
        errorRate: 0.25,
        errorStatus: 429,
        retryAfter: 7,
        hang: true,
        outage: true,
        streamCutAfter: 2,
        streamStallAfter: 3,
        malformed: true,
        usageOverride: { prompt_tokens_details: { cached_tokens: 1e20 } },
      },
      'azure',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        latency: { kind: 'uniform', min: 1, max: 3 },
        errorRate: 0.25,
        errorStatus: 429,
        retryAfterSeconds: 7,
        hang: true,
        outage: true,
        streamCutAfter: 2,
        streamStallAfter: 3,
        malformed: true,
        usageOverride: { prompt_tokens_details: { cached_tokens: 1e20 } },
      },
    });
  });

  it.each([
    [{ errorRate: 1.5 }, 'openai', 'errorRate: expected a number from 0 to 1, got 1.5'],
    [{ errorRate: '0.5' }, 'openai', 'errorRate: expected a number from 0 to 1, got "0.5"'],
    [{ errorStatus: 404 }, 'openai', 'errorStatus: expected 400, 429, 500, 503, 529, got 404'],
    [{ errorStatus: 529 }, 'openai', 'errorStatus: 529 (overloaded) is Anthropic-only, not openai'],
    [{ errorStatus: 529 }, 'azure', 'errorStatus: 529 (overloaded) is Anthropic-only, not azure'],
    [{ retryAfter: 1.5 }, 'openai', 'retryAfter: expected whole seconds >= 0, got 1.5'],
    [
      { streamCutAfter: -1 },
      'openai',
      'streamCutAfter: expected a whole number of events >= 0, or null, got -1',
    ],
    [
      { streamStallAfter: 1.5 },
      'openai',
      'streamStallAfter: expected a whole number of events >= 0, or null, got 1.5',
    ],
    [{ hang: 'yes' }, 'openai', 'hang: expected true or false, got "yes"'],
    [{ outage: 1 }, 'openai', 'outage: expected true or false, got 1'],
    [{ latencyMs: 5 }, 'openai', 'latencyMs: unknown field'],
    [
      { usageOverride: { prompt_tokens: '10' } },
      'openai',
      'usageOverride: prompt_tokens: expected a number or an object',
    ],
  ] as const)('rejects %j for %s: %s', (input, vendor, message) => {
    const parsed = parseFaultSpec(input, vendor);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toContain(message);
  });

  it('accepts 529 for anthropic', () => {
    const parsed = parseFaultSpec({ errorStatus: 529, errorRate: 1 }, 'anthropic');
    expect(parsed.ok && parsed.value.errorStatus).toBe(529);
  });

  it('reports every problem at once', () => {
    const parsed = parseFaultSpec({ errorRate: 2, hang: 'no', extra: 1 }, 'openai');
    expect(parsed.ok ? [] : parsed.errors).toHaveLength(3);
  });

  it.each([null, [], 'hang', 3])('rejects the non-object %j', (input) => {
    expect(parseFaultSpec(input, 'openai')).toEqual({
      ok: false,
      errors: ['fault spec: expected a JSON object'],
    });
  });

  it.each([
    {},
    { latency: 'normal:80:10', errorRate: 0.1, errorStatus: 503, streamCutAfter: 0 },
    { streamStallAfter: 4 },
    { latency: 12, hang: true, outage: true, malformed: true },
  ])('reads back what it formats: %j', (input) => {
    const first = parseFaultSpec(input, 'openai');
    if (!first.ok) throw new Error(first.errors.join('; '));
    expect(parseFaultSpec(formatFaultSpec(first.value), 'openai')).toEqual(first);
  });
});
