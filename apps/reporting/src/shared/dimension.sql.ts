import { SPEND_DIMENSION_COLUMNS, SPEND_DIMENSIONS, type SpendDimension } from '@kt/spend';
import type { DimensionFiltersDto } from './window-query.dto.js';

export const DIMENSIONS = SPEND_DIMENSIONS;
export type Dimension = SpendDimension;

/** Query name → column of `spend_hourly` and `ledger_entries` (the same in both). */
export const DIMENSION_COLUMNS = SPEND_DIMENSION_COLUMNS;

/** A WHERE fragment with its parameters, numbered from `firstParam`. */
export interface SqlFilter {
  readonly clauses: readonly string[];
  readonly params: readonly unknown[];
}

/** Equality filters for the dimensions present in the query. */
export function dimensionFilter(query: DimensionFiltersDto, firstParam: number): SqlFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const dimension of DIMENSIONS) {
    const value = query[dimension];
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`${DIMENSION_COLUMNS[dimension]} = $${firstParam + params.length - 1}`);
  }
  return { clauses, params };
}
