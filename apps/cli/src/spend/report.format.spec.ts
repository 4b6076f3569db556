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
    expect(totalsByKey(answer.rows)).toEqual([
      {
        key: 'openai',
        counters: {
          requests: '3',
          errors: '0',
          input_tokens: '30',
          output_tokens: '15',
          cost_micro_usd: '9007199254741000',
        },
      },
      {
        key: 'azure',
        counters: {
          requests: '1',
          errors: '0',
          input_tokens: '10',
          output_tokens: '5',
          cost_micro_usd: '1250',
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
});
