// `kt spend report`: the reporting API's spend rows as a table — per key over the whole window, or
// per bucket and key with --interval — plus a total line. Sums are bigint: exact to the micro-dollar.
// Unpriced traffic shows as its own figure in a NOTE column, rejected requests as "(rejected)" and
// other provider-less requests (no attempt made) as "(no provider)".
import { noProviderLabel } from '@kt/spend';
import { formatTable } from '../shared/table.format.js';
import { groupCostText, priceNote, type PriceFlagCounts } from './unpriced.format.js';

export const SPEND_DIMENSIONS = ['provider', 'target', 'group', 'model', 'team', 'key'] as const;
export const SPEND_INTERVALS = ['hour', 'day', 'month'] as const;

export interface SpendCounters extends PriceFlagCounts {
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

export interface SpendRowAnswer extends SpendCounters {
  readonly bucket: string;
  readonly key: string;
  /** The requests the gateway refused (no provider); absent from an older reporting. */
  readonly rejected?: boolean;
}

export interface SpendAnswer {
  readonly since: string;
  readonly until: string;
  readonly by: string;
  readonly interval: string;
  readonly rows: readonly SpendRowAnswer[];
  readonly totals: SpendCounters;
}

const COUNTERS = [
  'requests',
  'errors',
  'input_tokens',
  'output_tokens',
  'cost_micro_usd',
  'unpriced_requests',
  'unpriced_tokens',
  'estimated_requests',
] as const;

export interface KeyTotals {
  readonly key: string;
  readonly rejected: boolean;
  readonly counters: Required<SpendCounters>;
}

/** Sums the rows of each key across buckets, keys in order of cost (highest first), then name. */
export function totalsByKey(rows: readonly SpendRowAnswer[]): KeyTotals[] {
  const sums = new Map<string, { sum: bigint[]; rejected: boolean }>();
  for (const row of rows) {
    const entry = sums.get(row.key) ?? { sum: COUNTERS.map(() => 0n), rejected: false };
    COUNTERS.forEach((name, i) => (entry.sum[i] = entry.sum[i]! + BigInt(row[name] ?? '0')));
    // The key's row holds rejections when any of its buckets does (reporting's own rule).
    entry.rejected ||= row.rejected === true;
    sums.set(row.key, entry);
  }
  return [...sums]
    .map(([key, { sum, rejected }]) => ({
      key,
      rejected,
      counters: Object.fromEntries(
        COUNTERS.map((name, i) => [name, sum[i]!.toString()]),
      ) as unknown as Required<SpendCounters>,
    }))
    .sort((a, b) => {
      const diff = BigInt(b.counters.cost_micro_usd) - BigInt(a.counters.cost_micro_usd);
      return diff > 0n ? 1 : diff < 0n ? -1 : a.key.localeCompare(b.key);
    });
}

const cells = (c: SpendCounters): string[] => [
  c.requests,
  c.errors,
  c.input_tokens,
  c.output_tokens,
  groupCostText(c),
];
const COUNTER_HEADERS = ['REQUESTS', 'ERRORS', 'INPUT_TOKENS', 'OUTPUT_TOKENS', 'COST_USD'];

/** Only providers and targets can be missing for a reason worth naming; other dimensions show '-'. */
const keyLabel = (by: string, key: string, rejected: boolean | undefined): string =>
  by === 'provider' || by === 'target' ? noProviderLabel(key, rejected === true) : key === '' ? '-' : key;

export function formatSpendReport(answer: SpendAnswer, perBucket: boolean): string {
  const title = `spend by ${answer.by} from ${answer.since} to ${answer.until}\n`;
  if (answer.rows.length === 0) return `${title}no spend in this window\n`;
  const keyHeader = answer.by.toUpperCase();
  const lead = perBucket ? ['TOTAL', ''] : ['TOTAL'];
  const counted: { cells: string[]; counters: SpendCounters }[] = perBucket
    ? answer.rows.map((row) => ({
        cells: [row.bucket, keyLabel(answer.by, row.key, row.rejected)],
        counters: row,
      }))
    : totalsByKey(answer.rows).map((t) => ({
        cells: [keyLabel(answer.by, t.key, t.rejected)],
        counters: t.counters,
      }));
  counted.push({ cells: lead, counters: answer.totals });
  // The NOTE column appears only when something was unpriced or estimated: fully priced reports read as before.
  const noted = counted.some(({ counters }) => priceNote(counters) !== '');
  const body = counted.map(({ cells: head, counters }) => [
    ...head,
    ...cells(counters),
    ...(noted ? [priceNote(counters)] : []),
  ]);
  const header = [
    ...(perBucket ? ['BUCKET', keyHeader] : [keyHeader]),
    ...COUNTER_HEADERS,
    ...(noted ? ['NOTE'] : []),
  ];
  const numeric = COUNTER_HEADERS.map(() => 'right' as const);
  const align = [...lead.map(() => 'left' as const), ...numeric, ...(noted ? (['left'] as const) : [])];
  return title + formatTable(header, body, { align });
}
