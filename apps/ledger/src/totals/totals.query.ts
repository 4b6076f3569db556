import { IsIn, IsOptional, IsString } from 'class-validator';

export const TOTALS_DIMENSIONS = ['provider', 'target', 'group', 'model', 'team', 'key'] as const;
export type TotalsDimension = (typeof TOTALS_DIMENSIONS)[number];

/** `GET /v1/ledger/totals?by=provider&team=finance`: one dimension, optional equality filters. */
export class TotalsQuery {
  @IsIn(TOTALS_DIMENSIONS)
  by: TotalsDimension = 'provider';

  @IsOptional()
  @IsString()
  provider?: string;

  @IsOptional()
  @IsString()
  group?: string;

  @IsOptional()
  @IsString()
  team?: string;

  @IsOptional()
  @IsString()
  key_id?: string;
}

/** The column each dimension and filter reads (quoted where it is a keyword). */
export const COLUMN_OF: Readonly<Record<TotalsDimension | 'key_id', string>> = {
  provider: 'provider',
  target: 'target',
  group: '"group"',
  model: 'model',
  team: 'team',
  key: 'key_id',
  key_id: 'key_id',
};
