import type { TimeWindow } from '@kt/contracts';
import { ROLLUP_FLAG_SUMS_SQL } from '@kt/spend';
import { DIMENSION_COLUMNS, dimensionFilter, type Dimension } from '../shared/dimension.sql.js';
import type { DimensionFiltersDto } from '../shared/window-query.dto.js';
import type { Interval } from './spend-query.dto.js';

export interface SpendSql {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The spend counters and how the requests were priced, all from the rollup (exact, as text). */
const COUNTERS = `SUM(requests)::text AS requests, SUM(errors)::text AS errors,
  SUM(input_tokens)::text AS input_tokens, SUM(output_tokens)::text AS output_tokens,
  SUM(cost_micro_usd)::text AS cost_micro_usd, ${ROLLUP_FLAG_SUMS_SQL}`;

function where(window: TimeWindow, filters: DimensionFiltersDto, first: number): SpendSql {
  const filter = dimensionFilter(filters, first + 2);
  const clauses = [`hour >= $${first}`, `hour < $${first + 1}`, ...filter.clauses];
  return { sql: clauses.join(' AND '), params: [window.since, window.until, ...filter.params] };
}

/** `spend_hourly` summed per UTC bucket × dimension value, oldest bucket first. */
export function spendByBucketSql(
  by: Dimension,
  interval: Interval,
  window: TimeWindow,
  filters: DimensionFiltersDto,
): SpendSql {
  const filter = where(window, filters, 2);
  const bucket = `date_trunc($1, hour AT TIME ZONE 'UTC')`;
  return {
    sql: `SELECT to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS bucket, ${DIMENSION_COLUMNS[by]} AS key,
       ${COUNTERS}
       FROM spend_hourly WHERE ${filter.sql}
       GROUP BY ${bucket}, ${DIMENSION_COLUMNS[by]} ORDER BY ${bucket}, ${DIMENSION_COLUMNS[by]}`,
    params: [interval, ...filter.params],
  };
}

/** `spend_hourly` summed per provider over the window. */
export function spendByProviderSql(window: TimeWindow, filters: DimensionFiltersDto): SpendSql {
  const filter = where(window, filters, 1);
  return {
    sql: `SELECT provider AS key, ${COUNTERS} FROM spend_hourly WHERE ${filter.sql} GROUP BY provider ORDER BY provider`,
    params: filter.params,
  };
}
