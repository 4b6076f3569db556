import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `since`/`until` as given: a duration before now (`30d`) or an RFC 3339 time; read by `readWindow`. */
export class WindowQueryDto {
  @ApiPropertyOptional({
    description: 'Start: a duration before now (15m, 24h, 30d, 2w) or RFC 3339. Default 30d.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  since?: string;

  @ApiPropertyOptional({ description: 'End (exclusive): a duration before now or RFC 3339. Default now.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  until?: string;
}

/** The dimension filters shared by spend and events: exact matches, '' means "unknown". */
export class DimensionFiltersDto extends WindowQueryDto {
  @ApiPropertyOptional({ description: 'Only this provider (openai, azure, anthropic, …).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  provider?: string;

  @ApiPropertyOptional({ description: 'Only this target (as named in the pack).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target?: string;

  @ApiPropertyOptional({ description: 'Only this model group.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  group?: string;

  @ApiPropertyOptional({ description: 'Only this upstream model.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ description: 'Only this team.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  team?: string;

  @ApiPropertyOptional({ description: 'Only this API key id.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  key?: string;
}
