import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DIMENSIONS, type Dimension } from '../shared/dimension.sql.js';
import { DimensionFiltersDto } from '../shared/window-query.dto.js';

export const INTERVALS = ['hour', 'day', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export class SpendQueryDto extends DimensionFiltersDto {
  @ApiPropertyOptional({ enum: DIMENSIONS, default: 'provider', description: 'What each row is keyed by.' })
  @IsOptional()
  @IsIn(DIMENSIONS, { message: `expected one of ${DIMENSIONS.join(', ')}` })
  by: Dimension = 'provider';

  @ApiPropertyOptional({ enum: INTERVALS, default: 'day', description: 'Bucket size (UTC).' })
  @IsOptional()
  @IsIn(INTERVALS, { message: `expected one of ${INTERVALS.join(', ')}` })
  interval: Interval = 'day';
}

/** provider-mix takes only the window and the filters. */
export class ProviderMixQueryDto extends DimensionFiltersDto {}
