import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({
    description:
      '{ since, until, by, interval, rows: [{ bucket, key, requests, errors, input_tokens, output_tokens, ' +
      'cost_micro_usd, unpriced_requests, unpriced_tokens, estimated_requests, rejected }], totals } ' +
      '(counters and money as decimal strings; see docs/reporting.md)',
  })
  spend(@ValidQuery(SpendQueryDto) query: SpendQueryDto): Promise<SpendReport> {
    return this.reports.spend(query, toWholeHours(readWindow(query, new Date())));
  }

  @Get('provider-mix')
  @ApiOperation({ summary: 'Share of requests, tokens and cost per provider over the window' })
  @ApiQuery({ type: ProviderMixQueryDto })
  @ApiOkResponse({
    description:
      '{ since, until, providers: [{ provider, rejected, requests, request_share, tokens, token_share, ' +
      'cost_micro_usd, cost_share, unpriced_requests, unpriced_tokens, estimated_requests }], ' +
      'totals: { unpriced_requests, unpriced_tokens, estimated_requests } }',
  })
  providerMix(@ValidQuery(ProviderMixQueryDto) query: ProviderMixQueryDto): Promise<ProviderMixReport> {
    return this.reports.providerMix(query, toWholeHours(readWindow(query, new Date())));
  }
}
