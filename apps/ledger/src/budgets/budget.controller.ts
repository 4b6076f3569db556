import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from '@kt/persistence';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LedgerRoles } from '../auth/ledger-roles.decorator.js';
import { BUDGET_CLOCK, type BudgetClock } from './budget.clock.js';
import { BudgetCommands } from './budget.commands.js';
import { BudgetViews, type BudgetView } from './budget.view.js';
import { CreateBudgetDto } from './create-budget.dto.js';
import { UpdateBudgetDto } from './update-budget.dto.js';
import { unpricedInScope, unpricedWarning, type UnpricedInScope } from './unpriced-scope.query.js';

/** The answer to a create: the budget, whether this request created it, and what to know about it. */
export type CreatedBudgetView = BudgetView & {
  readonly created: boolean;
  /** Block budgets only: unpriced traffic in the scope over the last 30 days, which books $0. */
  readonly unpriced_in_scope?: UnpricedInScope;
  readonly warnings: readonly string[];
};

@ApiTags('budgets')
@ApiBearerAuth()
// Writes need admin; the two reads below also accept finance.
@LedgerRoles('admin')
@Controller('v1/budgets')
export class BudgetController {
  constructor(
    private readonly commands: BudgetCommands,
    private readonly views: BudgetViews,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(BUDGET_CLOCK) private readonly clock: BudgetClock,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'define a budget (answers once the definition is recorded and applied)',
    description:
      'Idempotent by scope, period and action: the same settings again answer 200 with the live budget ' +
      'and created: false; other settings answer 409 naming it. A block budget reports the unpriced ' +
      'traffic of the last 30 days in its scope (unpriced_in_scope) and warns about it.',
  })
  @ApiCreatedResponse({ description: 'the new budget, created: true' })
  @ApiOkResponse({ description: 'the live budget that already had these settings, created: false' })
  @ApiConflictResponse({ description: 'a live budget of this scope, period and action has other settings' })
  async create(
    @Body() dto: CreateBudgetDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedBudgetView> {
    const { budgetId, created } = await this.commands.define(dto);
    if (!created) void reply.status(200);
    const view = await this.show(budgetId);
    if (view.action !== 'block') return { ...view, created, warnings: [] };
    const unpriced = await unpricedInScope(this.ds.manager, view.scope, this.clock.now());
    const warning = unpricedWarning(unpriced);
    return {
      ...view,
      created,
      unpriced_in_scope: unpriced,
      warnings: warning === undefined ? [] : [warning],
    };
  }

  @Get()
  @LedgerRoles('finance', 'admin')
  @ApiOperation({ summary: 'every live budget with its current state' })
  list(): Promise<BudgetView[]> {
    return this.views.list();
  }

  @Get(':id')
  @LedgerRoles('finance', 'admin')
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<BudgetView> {
    return this.show(id);
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'the budget after the change' })
  @ApiNotFoundResponse()
  async update(@Param('id') id: string, @Body() dto: UpdateBudgetDto): Promise<BudgetView> {
    await this.commands.update(id, dto);
    return this.show(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@Param('id') id: string): Promise<void> {
    await this.commands.delete(id);
  }

  private async show(id: string): Promise<BudgetView> {
    const view = await this.views.get(id);
    if (view === undefined) throw new NotFoundException(`no budget ${id}`);
    return view;
  }
}
