// `kt spend report`: the reporting API's spend rows as a table — per key over the whole window, or
// per bucket and key with --interval — plus a total line. Sums are bigint: exact to the micro-dollar.
import { usdExact } from '../shared/money.format.js';
import { formatTable } from '../shared/table.format.js';

export const SPEND_DIMENSIONS = ['provider', 'target', 'group', 'model', 'team', 'key'] as const;
export const SPEND_INTERVALS = ['hour', 'day', 'month'] as const;

export interface SpendCounters {
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

export interface SpendRowAnswer extends SpendCounters {
  readonly bucket: string;
  readonly key: string;
}

export interface SpendAnswer {
  readonly since: string;
  readonly until: string;
  readonly by: string;
  readonly interval: string;
  readonly rows: readonly SpendRowAnswer[];
  readonly totals: SpendCounters;
}

const COUNTERS = ['requests', 'errors', 'input_tokens', 'output_tokens', 'cost_micro_usd'] as const;

/** Sums the rows of each key across buckets, keys in order of cost (highest first), then name. */
export function totalsByKey(rows: readonly SpendRowAnswer[]): { key: string; counters: SpendCounters }[] {
  const sums = new Map<string, bigint[]>();
  for (const row of rows) {
    const sum = sums.get(row.key) ?? COUNTERS.map(() => 0n);
    COUNTERS.forEach((name, i) => (sum[i] = sum[i]! + BigInt(row[name])));
    sums.set(row.key, sum);
  }
  return [...sums]
    .map(([key, sum]) => ({
      key,
      counters: Object.fromEntries(
        COUNTERS.map((name, i) => [name, sum[i]!.toString()]),
      ) as unknown as SpendCounters,
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
  usdExact(c.cost_micro_usd),
];
const COUNTER_HEADERS = ['REQUESTS', 'ERRORS', 'INPUT_TOKENS', 'OUTPUT_TOKENS', 'COST_USD'];

export function formatSpendReport(answer: SpendAnswer, perBucket: boolean): string {
  const title = `spend by ${answer.by} from ${answer.since} to ${answer.until}\n`;
  if (answer.rows.length === 0) return `${title}no spend in this window\n`;
  const keyHeader = answer.by.toUpperCase();
  const total = perBucket ? ['TOTAL', '', ...cells(answer.totals)] : ['TOTAL', ...cells(answer.totals)];
  const body = perBucket
    ? answer.rows.map((row) => [row.bucket, row.key === '' ? '-' : row.key, ...cells(row)])
    : totalsByKey(answer.rows).map(({ key, counters }) => [key === '' ? '-' : key, ...cells(counters)]);
  const header = perBucket ? ['BUCKET', keyHeader, ...COUNTER_HEADERS] : [keyHeader, ...COUNTER_HEADERS];
  const numeric = COUNTER_HEADERS.map(() => 'right' as const);
  const align = perBucket ? (['left', 'left', ...numeric] as const) : (['left', ...numeric] as const);
  return title + formatTable(header, [...body, total], { align });
}
