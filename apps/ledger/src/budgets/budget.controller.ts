import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LedgerRoles } from '../auth/ledger-roles.decorator.js';
import { BudgetCommands } from './budget.commands.js';
import { BudgetViews, type BudgetView } from './budget.view.js';
import { CreateBudgetDto } from './create-budget.dto.js';
import { UpdateBudgetDto } from './update-budget.dto.js';

@ApiTags('budgets')
@ApiBearerAuth()
// Writes need admin; the two reads below also accept finance.
@LedgerRoles('admin')
@Controller('v1/budgets')
export class BudgetController {
  constructor(
    private readonly commands: BudgetCommands,
    private readonly views: BudgetViews,
  ) {}

  @Post()
  @ApiOperation({ summary: 'define a budget (answers once the definition is recorded and applied)' })
  async create(@Body() dto: CreateBudgetDto): Promise<BudgetView> {
    return this.show(await this.commands.define(dto));
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
