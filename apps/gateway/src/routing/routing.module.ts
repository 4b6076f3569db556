import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module.js';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { SemanticRouter } from '../semantic/semantic.router.js';
import { RouteAdmission } from './route.admission.js';
import { RouteExecutor } from './route.executor.js';

/** Plan, admit, attempt: everything between a parsed request and a served (or refused) one. */
@Module({
  imports: [RuntimeModule, BudgetsModule],
  providers: [RouteAdmission, RouteExecutor, SemanticRouter],
  exports: [RouteExecutor, SemanticRouter],
})
export class RoutingModule {}
