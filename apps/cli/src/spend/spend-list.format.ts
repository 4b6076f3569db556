// Renders budgets for `kt spend … list`.
import { formatTable } from '../shared/table.format.js';

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

export function formatBudgetTable(items: readonly BudgetListItem[]): string {
  if (items.length === 0) return 'no budgets\n';
  const rows = items.map((b) => [
    b.budget_id,
    b.scope.value === null ? b.scope.kind : `${b.scope.kind}:${b.scope.value}`,
    b.period,
    formatUsd(b.limit_micro_usd),
    b.state === null ? '-' : formatUsd(b.state.spent_micro_usd),
    b.state === null ? '-' : `${b.state.utilisation_pct.toFixed(1)}%`,
    b.state?.status ?? 'pending',
    b.action,
    b.name ?? '',
  ]);
  const header = ['ID', 'SCOPE', 'PERIOD', 'LIMIT_USD', 'SPENT_USD', 'USED', 'STATUS', 'ACTION', 'NAME'];
  return formatTable(header, rows);
}
