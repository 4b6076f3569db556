import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from '@kt/persistence';
import { LIVE_TABLES } from '@kt/spend';
import { LedgerRoles } from '../auth/ledger-roles.decorator.js';
import { COLUMN_OF, TotalsQuery } from './totals.query.js';

export interface TotalsRow {
  /** The dimension's value; '' for unknown. */
  readonly value: string;
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

const FILTERS = ['provider', 'group', 'team', 'key_id'] as const;

@ApiTags('totals')
@ApiBearerAuth()
@LedgerRoles('finance', 'admin')
@Controller('v1/ledger')
export class TotalsController {
  constructor(private readonly ds: DataSource) {}

  /** Spend totals per dimension value from `spend_hourly`; counts and micro-USD as decimal strings. */
  @Get('totals')
  async totals(@Query() q: TotalsQuery): Promise<{ by: string; rows: TotalsRow[] }> {
    const params: string[] = [];
    const where = FILTERS.flatMap((f) => {
      const value = q[f];
      if (value === undefined) return [];
      params.push(value);
      return [`${COLUMN_OF[f]} = $${params.length}`];
    });
    const column = COLUMN_OF[q.by];
    const rows = (await this.ds.query(
      `SELECT ${column} AS value, sum(requests)::text AS requests, sum(errors)::text AS errors,
              sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens,
              sum(cost_micro_usd)::text AS cost_micro_usd
         FROM ${LIVE_TABLES.rollup} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY ${column} ORDER BY ${column}`,
      params,
    )) as TotalsRow[];
    return { by: q.by, rows };
  }
}
