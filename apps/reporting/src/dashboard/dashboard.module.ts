import { Module } from '@nestjs/common';
import { loadDashboardAssets } from './dashboard.assets.js';
import { DASHBOARD_ASSETS, DashboardController } from './dashboard.controller.js';

/** `/dashboard`: the finance dashboard (spend over time, provider mix, budgets), served as static files. */
@Module({
  controllers: [DashboardController],
  providers: [{ provide: DASHBOARD_ASSETS, useFactory: loadDashboardAssets }],
})
export class DashboardModule {}
