// The one fixed-width table every `kt` command prints: columns two spaces apart, no trailing blanks.

export type Align = 'left' | 'right';

export interface TableOptions {
  /** Per column; missing columns are left-aligned (numbers read better right-aligned). */
  readonly align?: readonly Align[];
}

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const table = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...table.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]): string =>
    widths
      .map((width, col) => {
        const cell = row[col] ?? '';
        return options.align?.[col] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `${table.map(line).join('\n')}\n`;
}
