import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLIENT_REQUEST_ID_PATTERN } from '@kt/contracts';
import { DimensionFiltersDto } from '../shared/window-query.dto.js';

export const STATUS_PATTERN = /^(?:[1-5]\d\d|[1-5]xx|ok|error)$/;

/** Filters of the event search and the export: the dimensions plus status and the request ids. */
export class EventFiltersDto extends DimensionFiltersDto {
  @ApiPropertyOptional({
    description: 'HTTP status given to the client: 429, a class 4xx, ok (completed) or error.',
  })
  @IsOptional()
  @Matches(STATUS_PATTERN, { message: 'expected an HTTP status (429), a class (4xx), ok or error' })
  status?: string;

  @ApiPropertyOptional({
    description: "Only this request id (kt's own, given to the client in x-request-id).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  request_id?: string;

  @ApiPropertyOptional({
    description:
      "Only events of this caller's request id (the x-request-id it sent, kept as client_request_id).",
  })
  @IsOptional()
  @Matches(CLIENT_REQUEST_ID_PATTERN, { message: 'expected 1 to 128 characters of A-Z a-z 0-9 . _ : -' })
  client_request_id?: string;
}

export class EventsQueryDto extends EventFiltersDto {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt({ message: 'expected an integer from 1 to 1000' })
  @Min(1, { message: 'expected an integer from 1 to 1000' })
  @Max(1000, { message: 'expected an integer from 1 to 1000' })
  limit: number = 100;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQueryDto extends EventFiltersDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `expected one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat = 'csv';
}
