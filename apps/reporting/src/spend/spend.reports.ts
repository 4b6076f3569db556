import { Inject, Injectable } from '@nestjs/common';
import type { TimeWindow } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import type { DimensionFiltersDto } from '../shared/window-query.dto.js';
import type { SpendQueryDto } from './spend-query.dto.js';
import {
  addTotals,
  EMPTY_TOTALS,
  readSpendTotals,
  spendTotalsRecord,
  type SpendTotalsRecord,
} from '@kt/spend';
import {
  addFlags,
  indexFlags,
  isRejectedRow,
  NO_FLAGS,
  priceFlagsRecord,
  type FlagsSqlRecord,
  type PriceFlagsRecord,
} from './price.flags.js';
import { providerShares, type ProviderShare } from './spend.report.js';
import { spendByBucketSql, spendByProviderSql } from './spend.sql.js';
import { flagsByBucketSql, flagsByProviderSql } from './unpriced.sql.js';

export interface SpendRowView extends SpendTotalsRecord, PriceFlagsRecord {
  readonly bucket: string;
  readonly key: string;
  /** True for the row of requests the gateway refused (no provider/target): `key` stays ''. */
  readonly rejected: boolean;
}

export interface SpendReport {
  readonly since: string;
  readonly until: string;
  readonly by: string;
  readonly interval: string;
  readonly rows: readonly SpendRowView[];
  readonly totals: SpendTotalsRecord & PriceFlagsRecord;
}

export interface ProviderMixReport {
  readonly since: string;
  readonly until: string;
  readonly providers: readonly ProviderShare[];
  /** Unpriced and estimated traffic over all providers: shares of cost cover priced traffic only. */
  readonly totals: PriceFlagsRecord;
}

/**
 * Spend reports read from `spend_hourly` (exact: sums of integers, as text); how requests were
 * priced (unpriced, estimated) and which were rejected come from `ledger_entries` beside it.
 */
@Injectable()
export class SpendReports {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async spend(query: SpendQueryDto, window: TimeWindow): Promise<SpendReport> {
    const spendSql = spendByBucketSql(query.by, query.interval, window, query);
    const flagSql = flagsByBucketSql(query.by, query.interval, window, query);
    const [records, flagRecords] = await Promise.all([
      this.ds.query<(SpendTotalsRecord & { bucket: string; key: string })[]>(spendSql.sql, [
        ...spendSql.params,
      ]),
      this.ds.query<FlagsSqlRecord[]>(flagSql.sql, [...flagSql.params]),
    ]);
    const flagsOf = indexFlags(flagRecords);
    let totals = EMPTY_TOTALS;
    let totalFlags = NO_FLAGS;
    const rows = records.map((record) => {
      const counters = readSpendTotals(record);
      const flags = flagsOf(record.bucket, record.key);
      totals = addTotals(totals, counters);
      totalFlags = addFlags(totalFlags, flags);
      return {
        bucket: record.bucket,
        key: record.key,
        ...spendTotalsRecord(counters),
        ...priceFlagsRecord(flags),
        rejected: isRejectedRow(query.by, record.key, counters.requests, flags),
      };
    });
    return {
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      by: query.by,
      interval: query.interval,
      rows,
      totals: { ...spendTotalsRecord(totals), ...priceFlagsRecord(totalFlags) },
    };
  }

  async providerMix(filters: DimensionFiltersDto, window: TimeWindow): Promise<ProviderMixReport> {
    const spendSql = spendByProviderSql(window, filters);
    const flagSql = flagsByProviderSql(window, filters);
    const [records, flagRecords] = await Promise.all([
      this.ds.query<(SpendTotalsRecord & { key: string })[]>(spendSql.sql, [...spendSql.params]),
      this.ds.query<FlagsSqlRecord[]>(flagSql.sql, [...flagSql.params]),
    ]);
    const flagsOf = indexFlags(flagRecords);
    const rows = records.map((record) => ({
      provider: record.key,
      counters: readSpendTotals(record),
      flags: flagsOf('', record.key),
    }));
    return {
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      providers: providerShares(rows),
      totals: priceFlagsRecord(rows.reduce((sum, row) => addFlags(sum, row.flags), NO_FLAGS)),
    };
  }
}
