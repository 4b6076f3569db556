import { Module } from '@nestjs/common';
import { BudgetsController } from './budgets.controller.js';
import { BudgetReports } from './budget.reports.js';

@Module({ controllers: [BudgetsController], providers: [BudgetReports] })
export class BudgetsModule {}
