import type { TimeWindow } from '@kt/contracts';
import { DIMENSION_COLUMNS, dimensionFilter, type Dimension } from '../shared/dimension.sql.js';
import type { DimensionFiltersDto } from '../shared/window-query.dto.js';
import type { Interval } from './spend-query.dto.js';
import type { SpendSql } from './spend.sql.js';

/**
 * An unpriced request used tokens that had no price (`priced_by = 'unpriced'` with tokens): a
 * rejection or an upstream failure that used none is also stamped `unpriced`, but has nothing to price.
 */
const UNPRICED = `priced_by = 'unpriced' AND input_tokens + output_tokens > 0`;

const FLAGS = `COUNT(*) FILTER (WHERE ${UNPRICED})::text AS unpriced_requests,
  COALESCE(SUM(input_tokens + output_tokens) FILTER (WHERE ${UNPRICED}), 0)::text AS unpriced_tokens,
  COUNT(*) FILTER (WHERE priced_by = 'estimate')::text AS estimated_requests,
  COUNT(*) FILTER (WHERE type = 'route.rejected')::text AS rejected_requests`;

/**
 * `spend_hourly` does not know how each request was priced, so these counts come from
 * `ledger_entries`: only the window's partitions, and only the rows that can count (the rest are
 * filtered before grouping), over the same hour-aligned window as the rollup.
 */
function where(window: TimeWindow, filters: DimensionFiltersDto, first: number): SpendSql {
  const filter = dimensionFilter(filters, first + 2);
  const clauses = [
    `occurred_at >= $${first}`,
    `occurred_at < $${first + 1}`,
    `(priced_by IN ('unpriced', 'estimate') OR type = 'route.rejected')`,
    ...filter.clauses,
  ];
  return { sql: clauses.join(' AND '), params: [window.since, window.until, ...filter.params] };
}

/** The flag counts per UTC bucket × dimension value, bucketed exactly as `spendByBucketSql`. */
export function flagsByBucketSql(
  by: Dimension,
  interval: Interval,
  window: TimeWindow,
  filters: DimensionFiltersDto,
): SpendSql {
  const filter = where(window, filters, 2);
  const bucket = `date_trunc($1, occurred_at AT TIME ZONE 'UTC')`;
  return {
    sql: `SELECT to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS bucket, ${DIMENSION_COLUMNS[by]} AS key,
       ${FLAGS}
       FROM ledger_entries WHERE ${filter.sql}
       GROUP BY ${bucket}, ${DIMENSION_COLUMNS[by]}`,
    params: [interval, ...filter.params],
  };
}

/** The flag counts per provider over the window. */
export function flagsByProviderSql(window: TimeWindow, filters: DimensionFiltersDto): SpendSql {
  const filter = where(window, filters, 1);
  return {
    sql: `SELECT '' AS bucket, provider AS key, ${FLAGS} FROM ledger_entries WHERE ${filter.sql} GROUP BY provider`,
    params: filter.params,
  };
}
