import { Inject, Injectable } from '@nestjs/common';
import type { TimeWindow } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import type { DimensionFiltersDto } from '../shared/window-query.dto.js';
import type { SpendQueryDto } from './spend-query.dto.js';
import {
  addFlags,
  addTotals,
  EMPTY_TOTALS,
  NO_FLAGS,
  readSpendFlags,
  readSpendTotals,
  spendTotalsRecord,
  type SpendFlagsRecord,
  type SpendTotalsRecord,
} from '@kt/spend';
import { isRejectedRow, priceFlagsRecord, type PriceFlagsRecord } from './price.flags.js';
import { providerShares, type ProviderShare } from './spend.report.js';
import { spendByBucketSql, spendByProviderSql } from './spend.sql.js';

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

type RollupRecord = SpendTotalsRecord & SpendFlagsRecord & { readonly key: string };

/**
 * Spend reports read only `spend_hourly` (exact: sums of integers, as text): the rollup counts how
 * each hour's requests were priced (unpriced, estimated) and which were rejected beside the spend.
 */
@Injectable()
export class SpendReports {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async spend(query: SpendQueryDto, window: TimeWindow): Promise<SpendReport> {
    const spendSql = spendByBucketSql(query.by, query.interval, window, query);
    const records = await this.ds.query<(RollupRecord & { bucket: string })[]>(spendSql.sql, [
      ...spendSql.params,
    ]);
    let totals = EMPTY_TOTALS;
    let totalFlags = NO_FLAGS;
    const rows = records.map((record) => {
      const counters = readSpendTotals(record);
      const flags = readSpendFlags(record);
      totals = addTotals(totals, counters);
      totalFlags = addFlags(totalFlags, flags);
      return {
        bucket: record.bucket,
        key: record.key,
        ...spendTotalsRecord(counters),
        ...priceFlagsRecord(flags),
        rejected: isRejectedRow(query.by, record.key, flags),
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
    const records = await this.ds.query<RollupRecord[]>(spendSql.sql, [...spendSql.params]);
    const rows = records.map((record) => ({
      provider: record.key,
      counters: readSpendTotals(record),
      flags: readSpendFlags(record),
    }));
    return {
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      providers: providerShares(rows),
      totals: priceFlagsRecord(rows.reduce((sum, row) => addFlags(sum, row.flags), NO_FLAGS)),
    };
  }
}
