import { Module } from '@nestjs/common';
import { SpendController } from './spend.controller.js';
import { SpendReports } from './spend.reports.js';

@Module({ controllers: [SpendController], providers: [SpendReports] })
export class SpendModule {}
