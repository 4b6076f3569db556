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
import { providerShares, type ProviderShare } from './spend.report.js';
import { spendByBucketSql, spendByProviderSql } from './spend.sql.js';

export interface SpendRowView extends SpendTotalsRecord {
  readonly bucket: string;
  readonly key: string;
}

export interface SpendReport {
  readonly since: string;
  readonly until: string;
  readonly by: string;
  readonly interval: string;
  readonly rows: readonly SpendRowView[];
  readonly totals: SpendTotalsRecord;
}

export interface ProviderMixReport {
  readonly since: string;
  readonly until: string;
  readonly providers: readonly ProviderShare[];
}

/** Spend reports read from `spend_hourly` (exact: sums of integers, as text). */
@Injectable()
export class SpendReports {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async spend(query: SpendQueryDto, window: TimeWindow): Promise<SpendReport> {
    const { sql, params } = spendByBucketSql(query.by, query.interval, window, query);
    const records = await this.ds.query<(SpendTotalsRecord & { bucket: string; key: string })[]>(sql, [
      ...params,
    ]);
    let totals = EMPTY_TOTALS;
    const rows = records.map((record) => {
      const counters = readSpendTotals(record);
      totals = addTotals(totals, counters);
      return { bucket: record.bucket, key: record.key, ...spendTotalsRecord(counters) };
    });
    return {
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      by: query.by,
      interval: query.interval,
      rows,
      totals: spendTotalsRecord(totals),
    };
  }

  async providerMix(filters: DimensionFiltersDto, window: TimeWindow): Promise<ProviderMixReport> {
    const { sql, params } = spendByProviderSql(window, filters);
    const records = await this.ds.query<(SpendTotalsRecord & { key: string })[]>(sql, [...params]);
    return {
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      providers: providerShares(
        records.map((record) => ({ provider: record.key, counters: readSpendTotals(record) })),
      ),
    };
  }
}
