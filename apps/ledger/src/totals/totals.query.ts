import { IsIn, IsOptional, IsString } from 'class-validator';
import { SPEND_DIMENSION_COLUMNS, SPEND_DIMENSIONS, type SpendDimension } from '@kt/spend';

export const TOTALS_DIMENSIONS = SPEND_DIMENSIONS;
export type TotalsDimension = SpendDimension;

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
  ...SPEND_DIMENSION_COLUMNS,
  key_id: 'key_id',
};
