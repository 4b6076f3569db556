import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidQuery } from '../shared/valid-query.decorator.js';
import { readWindow, toWholeHours } from '../shared/window.read.js';
import { ProviderMixQueryDto, SpendQueryDto } from './spend-query.dto.js';
import { SpendReports, type ProviderMixReport, type SpendReport } from './spend.reports.js';

@ApiTags('spend')
@ApiBearerAuth()
@Controller('v1/spend')
export class SpendController {
  constructor(@Inject(SpendReports) private readonly reports: SpendReports) {}

  @Get()
  @ApiOperation({
    summary: 'Spend per bucket and dimension (from the hourly rollup; window widened to whole hours)',
  })
  @ApiQuery({ type: SpendQueryDto })
  spend(@ValidQuery(SpendQueryDto) query: SpendQueryDto): Promise<SpendReport> {
    return this.reports.spend(query, toWholeHours(readWindow(query, new Date())));
  }

  @Get('provider-mix')
  @ApiOperation({ summary: 'Share of requests, tokens and cost per provider over the window' })
  @ApiQuery({ type: ProviderMixQueryDto })
  providerMix(@ValidQuery(ProviderMixQueryDto) query: ProviderMixQueryDto): Promise<ProviderMixReport> {
    return this.reports.providerMix(query, toWholeHours(readWindow(query, new Date())));
  }
}
