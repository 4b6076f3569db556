import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidQuery } from '../shared/valid-query.decorator.js';
import { readWindow } from '../shared/window.read.js';
import { EventsExporter } from './events.exporter.js';
import { EventsQueryDto, ExportQueryDto } from './events-query.dto.js';
import { EventsSearch, type EventsPage } from './events.search.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(
    @Inject(EventsSearch) private readonly search: EventsSearch,
    @Inject(EventsExporter) private readonly exporter: EventsExporter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Route events as stored, newest first, with an opaque cursor for the next page' })
  @ApiQuery({ type: EventsQueryDto })
  page(@ValidQuery(EventsQueryDto) query: EventsQueryDto): Promise<EventsPage> {
    return this.search.page(query, readWindow(query, new Date()));
  }

  @Get('export')
  @ApiOperation({
    summary: 'Streams route events oldest first as CSV (RFC 4180, header row), a JSON array or NDJSON',
    description: 'x-kt-export-rows-estimate carries the row count taken just before the stream starts.',
  })
  @ApiProduces('text/csv', 'application/json', 'application/x-ndjson')
  @ApiQuery({ type: ExportQueryDto })
  async export(@ValidQuery(ExportQueryDto) query: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const opened = await this.exporter.open(query, readWindow(query, new Date()));
    await reply
      .header('content-type', opened.contentType)
      .header('content-disposition', `attachment; filename="${opened.filename}"`)
      .header('x-kt-export-rows-estimate', String(opened.rows))
      .send(opened.body);
  }
}
