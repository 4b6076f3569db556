// `kt pack history`: who applied which pack when — the config audit trail as a table.
import { formatTable } from '../shared/table.format.js';
import type { AppliedPack, PackHistoryItem } from './pack.client.js';

export function formatPackHistory(items: readonly PackHistoryItem[]): string {
  if (items.length === 0) return 'no pack has been applied\n';
  return formatTable(
    ['APPLIED_AT', 'NAME', 'VERSION', 'SHA256', 'APPLIED_BY', 'SOURCE'],
    items.map((p) => [p.applied_at, p.name, p.version, p.sha256.slice(0, 12), p.applied_by, p.source]),
  );
}

export function formatApplied(applied: AppliedPack): string {
  return [
    `applied ${applied.name}@${applied.version}`,
    `sha256 ${applied.sha256}`,
    `applied_by ${applied.applied_by} at ${applied.applied_at}`,
    '',
  ].join('\n');
}
