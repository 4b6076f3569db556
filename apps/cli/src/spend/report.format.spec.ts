import { describe, expect, it } from 'vitest';
import { formatSpendReport, totalsByKey, type SpendAnswer } from './report.format.js';

const row = (bucket: string, key: string, requests: number, cost: string) => ({
  bucket,
  key,
  requests: String(requests),
  errors: '0',
  input_tokens: String(requests * 10),
  output_tokens: String(requests * 5),
  cost_micro_usd: cost,
});

const answer: SpendAnswer = {
  since: '2026-11-01T00:00:00.000Z',
  until: '2026-11-03T00:00:00.000Z',
  by: 'provider',
  interval: 'day',
  rows: [
    row('2026-11-01T00:00:00.000Z', 'openai', 2, '9007199254740993'),
    row('2026-11-01T00:00:00.000Z', 'azure', 1, '1250'),
    row('2026-11-02T00:00:00.000Z', 'openai', 1, '7'),
  ],
  totals: {
    requests: '4',
    errors: '0',
    input_tokens: '40',
    output_tokens: '20',
    cost_micro_usd: '9007199254742250',
  },
};

describe('totalsByKey', () => {
  it('sums each key across buckets exactly, beyond 2^53, costliest first', () => {
    const none = { unpriced_requests: '0', unpriced_tokens: '0', estimated_requests: '0' };
    expect(totalsByKey(answer.rows)).toEqual([
      {
        key: 'openai',
        rejected: false,
        counters: {
          requests: '3',
          errors: '0',
          input_tokens: '30',
          output_tokens: '15',
          cost_micro_usd: '9007199254741000',
          ...none,
        },
      },
      {
        key: 'azure',
        rejected: false,
        counters: {
          requests: '1',
          errors: '0',
          input_tokens: '10',
          output_tokens: '5',
          cost_micro_usd: '1250',
          ...none,
        },
      },
    ]);
  });
});

describe('formatSpendReport', () => {
  it('prints one row per key over the window and a total line', () => {
    expect(formatSpendReport(answer, false).split('\n')).toEqual([
      'spend by provider from 2026-11-01T00:00:00.000Z to 2026-11-03T00:00:00.000Z',
      'PROVIDER  REQUESTS  ERRORS  INPUT_TOKENS  OUTPUT_TOKENS           COST_USD',
      'openai           3       0            30             15  9007199254.741000',
      'azure            1       0            10              5           0.001250',
      'TOTAL            4       0            40             20  9007199254.742250',
      '',
    ]);
  });

  it('prints one row per bucket and key with --interval', () => {
    const lines = formatSpendReport(answer, true).split('\n');
    expect(lines[1]).toMatch(/^BUCKET\s+PROVIDER\s+REQUESTS/);
    expect(lines[2]).toMatch(/^2026-11-01T00:00:00.000Z\s+openai\s+2\s+0\s+20\s+10\s+9007199254.740993$/);
    expect(lines.at(-2)).toMatch(/^TOTAL\s+4\s+0\s+40\s+20\s+9007199254.742250$/);
  });

  it('says so when the window has no spend', () => {
    expect(formatSpendReport({ ...answer, rows: [] }, false)).toBe(
      'spend by provider from 2026-11-01T00:00:00.000Z to 2026-11-03T00:00:00.000Z\nno spend in this window\n',
    );
  });

  it('shows an all-unpriced key as "unpriced", a mixed one with its note, and the rejected row labelled', () => {
    const flagged: SpendAnswer = {
      ...answer,
      rows: [
        {
          ...row('2026-11-01T00:00:00.000Z', 'azure', 150, '0'),
          unpriced_requests: '150',
          unpriced_tokens: '3000',
        },
        {
          ...row('2026-11-02T00:00:00.000Z', 'azure', 34, '0'),
          unpriced_requests: '34',
          unpriced_tokens: '1031',
        },
        {
          ...row('2026-11-01T00:00:00.000Z', 'openai', 2, '1500'),
          unpriced_requests: '1',
          unpriced_tokens: '15',
          estimated_requests: '1',
        },
        {
          ...row('2026-11-01T00:00:00.000Z', '', 3, '0'),
          input_tokens: '0',
          output_tokens: '0',
          rejected: true,
        },
      ],
      totals: {
        requests: '189',
        errors: '3',
        input_tokens: '1860',
        output_tokens: '930',
        cost_micro_usd: '1500',
        unpriced_requests: '185',
        unpriced_tokens: '4046',
        estimated_requests: '1',
      },
    };
    expect(formatSpendReport(flagged, false).split('\n').slice(1)).toEqual([
      'PROVIDER    REQUESTS  ERRORS  INPUT_TOKENS  OUTPUT_TOKENS  COST_USD  NOTE',
      'openai             2       0            20             10  0.001500  unpriced: 1 request, 15 tokens; estimated: 1 request',
      '(rejected)         3       0             0              0  0.000000',
      'azure            184       0          1840            920  unpriced  unpriced: 184 requests, 4,031 tokens',
      'TOTAL            189       3          1860            930  0.001500  unpriced: 185 requests, 4,046 tokens; estimated: 1 request',
      '',
    ]);
    const perBucket = formatSpendReport(flagged, true);
    expect(perBucket).toMatch(/2026-11-01T00:00:00.000Z\s+\(rejected\)\s+3/);
    expect(perBucket).toMatch(
      /2026-11-02T00:00:00.000Z\s+azure\s+34 .* unpriced {2}unpriced: 34 requests, 1,031 tokens/,
    );
  });

  it('names a provider-less key "(rejected)" when any bucket holds rejections, else "(no provider)"', () => {
    const at = (day: string, rejected: boolean) => ({ ...row(day, '', 1, '0'), rejected });
    const totals = row('', '', 2, '0');
    const report = (rows: SpendAnswer['rows'], by = 'provider') =>
      formatSpendReport({ ...answer, by, rows, totals }, false);
    expect(report([at('2026-11-01T00:00:00.000Z', false), at('2026-11-02T00:00:00.000Z', true)])).toMatch(
      /^\(rejected\)\s+2 /m,
    );
    expect(report([at('2026-11-01T00:00:00.000Z', false)])).toMatch(/^\(no provider\)\s+1 /m);
    // Other dimensions have no provider to miss: an empty team stays '-'.
    expect(report([at('2026-11-01T00:00:00.000Z', false)], 'team')).toMatch(/^-\s+1 /m);
  });
});
