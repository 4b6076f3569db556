import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BudgetReport } from './budget.report.js';
import { BudgetReports } from './budget.reports.js';

@ApiTags('budgets')
@ApiBearerAuth()
@Controller('v1/budgets')
export class BudgetsController {
  constructor(@Inject(BudgetReports) private readonly reports: BudgetReports) {}

  @Get()
  @ApiOperation({
    summary: 'Every budget with spent, limit, utilisation, status and a straight-line forecast',
  })
  async list(): Promise<{ readonly budgets: readonly BudgetReport[] }> {
    return { budgets: await this.reports.list(Date.now()) };
  }
}
