import { describe, expect, it } from 'vitest';
import type { TargetDataPolicy } from '@kt/pack';
import {
  combineRequirements,
  complies,
  describeRequirement,
  NO_REQUIREMENT,
  parseDataPolicyHeader,
  type DataPolicyRequirement,
} from './data-policy.requirement.js';

const zdr: TargetDataPolicy = { zeroDataRetention: true, trainingOptOut: true };
const optOut30: TargetDataPolicy = { zeroDataRetention: false, trainingOptOut: true, retentionDays: 30 };
const plain: TargetDataPolicy = { zeroDataRetention: false, trainingOptOut: false };

describe('parseDataPolicyHeader', () => {
  it.each<[string, string | undefined, DataPolicyRequirement]>([
    ['no header asks for nothing', undefined, NO_REQUIREMENT],
    ['zdr asks for zero data retention', 'zdr', { ...NO_REQUIREMENT, requireZeroDataRetention: true }],
    [
      'a comma separated list combines requirements',
      ' ZDR , no-training,max-retention=30',
      { requireZeroDataRetention: true, requireNoTraining: true, maxRetentionDays: 30 },
    ],
    [
      'the smaller of two retention limits wins',
      'max-retention=30,max-retention=7',
      { ...NO_REQUIREMENT, maxRetentionDays: 7 },
    ],
  ])('%s', (_name, header, requirement) => {
    expect(parseDataPolicyHeader(header)).toEqual({ ok: true, requirement });
  });

  it.each([
    ['an unknown requirement', 'gdpr', /unknown requirement "gdpr"/],
    ['a retention that is not a number of days', 'max-retention=soon', /whole number of days, got "soon"/],
  ])('refuses %s, naming it', (_name, header, message) => {
    const result = parseDataPolicyHeader(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    ['a 4 KB header of \\u00ff', '\u00ff'.repeat(4096), /longer than 256 characters/],
    ['a long unknown requirement', 'x'.repeat(200), /unknown requirement \(expected/],
    ['a requirement with odd characters', 'zdr\u00ff<script>', /unknown requirement \(expected/],
    ['a long retention', `max-retention=${'9'.repeat(200)}`, /whole number of days$/],
  ])('refuses %s without echoing it, quickly', (_name, header, message) => {
    const started = performance.now();
    const result = parseDataPolicyHeader(header);
    expect(performance.now() - started).toBeLessThan(250);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result.message.length).toBeLessThan(120);
    expect(result.message).not.toContain('\u00ff');
    expect(result.message).not.toContain('xxxx');
    expect(result.message).not.toContain('9999');
  });
});

describe('complies', () => {
  const zdrOnly = { ...NO_REQUIREMENT, requireZeroDataRetention: true };
  const noTraining = { ...NO_REQUIREMENT, requireNoTraining: true };
  const max7 = { ...NO_REQUIREMENT, maxRetentionDays: 7 };
  const max30 = { ...NO_REQUIREMENT, maxRetentionDays: 30 };
  it.each<[string, TargetDataPolicy, DataPolicyRequirement, boolean]>([
    ['any target meets no requirement', plain, NO_REQUIREMENT, true],
    ['a ZDR target meets zdr', zdr, zdrOnly, true],
    ['an opt-out target does not meet zdr', optOut30, zdrOnly, false],
    ['an opt-out target meets no-training', optOut30, noTraining, true],
    ['a plain target does not meet no-training', plain, noTraining, false],
    ['30 days of retention meets a 30-day limit', optOut30, max30, true],
    ['30 days of retention does not meet a 7-day limit', optOut30, max7, false],
    ['an undeclared retention does not meet a limit', plain, max30, false],
    ['a ZDR target meets any retention limit', zdr, max7, true],
  ])('%s', (_name, policy, requirement, expected) => {
    expect(complies(policy, requirement)).toBe(expected);
  });
});

describe('combineRequirements and describeRequirement', () => {
  it('keeps the stricter of a group and a request requirement, and names it', () => {
    const combined = combineRequirements(
      { requireZeroDataRetention: false, requireNoTraining: true, maxRetentionDays: 30 },
      { requireZeroDataRetention: true, requireNoTraining: false, maxRetentionDays: 90 },
    );
    expect(combined).toEqual({
      requireZeroDataRetention: true,
      requireNoTraining: true,
      maxRetentionDays: 30,
    });
    expect(describeRequirement(combined)).toBe(
      'zero data retention, no training on the data, retention ≤ 30 days',
    );
  });
});
