import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateIf,
} from 'class-validator';
import {
  BUDGET_ACTIONS,
  BUDGET_PERIODS,
  BUDGET_SCOPE_KINDS,
  type BudgetAction,
  type BudgetPeriod,
  type BudgetScopeKind,
} from '@kt/contracts';
import { AscendingThresholds, POSITIVE_USD, StorableText, usdText } from './budget-fields.validation.js';

/** `DefineBudget`: the body of `POST /v1/budgets`. */
export class CreateBudgetDto {
  @ApiProperty({ enum: BUDGET_SCOPE_KINDS, example: 'provider' })
  @IsIn(BUDGET_SCOPE_KINDS)
  readonly scope_kind!: BudgetScopeKind;

  @ApiPropertyOptional({ description: 'required except for the global scope', example: 'openai' })
  @ValidateIf((dto: CreateBudgetDto) => dto.scope_kind !== 'global' || dto.scope_value !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'scope_value is required for every scope except global' })
  @MaxLength(200)
  @Validate(StorableText)
  readonly scope_value?: string;

  @ApiProperty({ enum: BUDGET_PERIODS, example: 'monthly' })
  @IsIn(BUDGET_PERIODS)
  readonly period!: BudgetPeriod;

  @ApiProperty({ description: 'USD, more than 0, up to 6 decimals', example: '5000' })
  @Transform(usdText)
  @IsString()
  @Matches(POSITIVE_USD, { message: 'limit_usd must be a USD amount greater than 0 with at most 6 decimals' })
  readonly limit_usd!: string;

  @ApiPropertyOptional({ type: [Number], default: [50, 80, 100] })
  @IsOptional()
  @Validate(AscendingThresholds)
  readonly thresholds_pct?: number[];

  @ApiPropertyOptional({ enum: BUDGET_ACTIONS, default: 'alert' })
  @IsOptional()
  @IsIn(BUDGET_ACTIONS)
  readonly action?: BudgetAction;

  @ApiPropertyOptional({ example: 'OpenAI monthly' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Validate(StorableText)
  readonly name?: string;
}
