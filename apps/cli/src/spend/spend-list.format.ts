// Renders budgets for `kt spend … list`.
import { formatTable } from '../shared/table.format.js';
import { priceNote } from './unpriced.format.js';

/** The fields of the ledger's budget view the CLI shows. */
export interface BudgetListItem {
  readonly budget_id: string;
  readonly name: string | null;
  readonly scope: { readonly kind: string; readonly value: string | null };
  readonly period: string;
  readonly limit_micro_usd: string;
  readonly action: string;
  readonly state: {
    readonly spent_micro_usd: string;
    readonly utilisation_pct: number;
    readonly status: string;
  } | null;
}

/** Integer micro-USD text → USD with two to six decimals: "5000000000" → "5000.00", "1250" → "0.00125". */
export function formatUsd(micro: string): string {
  const negative = micro.startsWith('-');
  const digits = (negative ? micro.slice(1) : micro).padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-6).replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Reporting's figures for a budget's scope and window (`GET /v1/budgets`): what `spent` holds at $0. */
export interface BudgetPriceNote {
  readonly unpriced_requests?: string;
  readonly unpriced_tokens?: string;
  readonly estimated_requests?: string;
}

/**
 * One row per budget. With reporting's notes (by budget id), a budget whose scope holds unpriced
 * traffic says so in a NOTE column, and one whose spend is all unpriced shows `unpriced` rather
 * than a SPENT of 0.00 and a USED of 0.0 % that would read as a price.
 */
export function formatBudgetTable(
  items: readonly BudgetListItem[],
  notes: ReadonlyMap<string, BudgetPriceNote> = new Map(),
): string {
  if (items.length === 0) return 'no budgets\n';
  const noteOf = (b: BudgetListItem): string =>
    priceNote({ cost_micro_usd: b.state?.spent_micro_usd ?? '0', ...notes.get(b.budget_id) });
  const noted = items.some((b) => noteOf(b) !== '');
  const rows = items.map((b) => {
    const note = noteOf(b);
    const onlyUnpriced =
      b.state !== null && BigInt(b.state.spent_micro_usd) === 0n && note.startsWith('unpriced');
    return [
      b.budget_id,
      b.scope.value === null ? b.scope.kind : `${b.scope.kind}:${b.scope.value}`,
      b.period,
      formatUsd(b.limit_micro_usd),
      b.state === null ? '-' : onlyUnpriced ? 'unpriced' : formatUsd(b.state.spent_micro_usd),
      b.state === null ? '-' : onlyUnpriced ? '-' : `${b.state.utilisation_pct.toFixed(1)}%`,
      b.state?.status ?? 'pending',
      b.action,
      b.name ?? '',
      ...(noted ? [note] : []),
    ];
  });
  const header = ['ID', 'SCOPE', 'PERIOD', 'LIMIT_USD', 'SPENT_USD', 'USED', 'STATUS', 'ACTION', 'NAME'];
  return formatTable(noted ? [...header, 'NOTE'] : header, rows);
}
