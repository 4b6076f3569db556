import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { BUDGET_ACTIONS, BUDGET_PERIODS, type BudgetAction, type BudgetPeriod } from '@kt/contracts';
import { AscendingThresholds, POSITIVE_USD, StorableText, usdText } from './budget-fields.validation.js';

/** `UpdateBudget`: the body of `PATCH /v1/budgets/{id}`; the scope of a budget never changes. */
export class UpdateBudgetDto {
  @ApiPropertyOptional({ enum: BUDGET_PERIODS })
  @IsOptional()
  @IsIn(BUDGET_PERIODS)
  readonly period?: BudgetPeriod;

  @ApiPropertyOptional({ description: 'USD, more than 0, up to 6 decimals', example: '7500' })
  @IsOptional()
  @Transform(usdText)
  @IsString()
  @Matches(POSITIVE_USD, { message: 'limit_usd must be a USD amount greater than 0 with at most 6 decimals' })
  readonly limit_usd?: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @Validate(AscendingThresholds)
  readonly thresholds_pct?: number[];

  @ApiPropertyOptional({ enum: BUDGET_ACTIONS })
  @IsOptional()
  @IsIn(BUDGET_ACTIONS)
  readonly action?: BudgetAction;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Validate(StorableText)
  readonly name?: string;
}
