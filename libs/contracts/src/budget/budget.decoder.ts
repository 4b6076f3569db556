import type { DecodeResult } from '../validation/decode.result.js';
import { int, nonNegativeMoney, oneOf, str, time, uuid, WireObject } from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import { ACTION_SET, readBudgetDefinition, readBudgetWindow } from './budget-definition.reader.js';
import { BUDGET_SCHEMA, BudgetEvent } from './budget.event.js';

/** Decodes a record of `kt.budget-events.v1`. */
export function decodeBudgetEvent(input: WireInput): DecodeResult<BudgetEvent> {
  return decodeWith(input, readBudgetEvent);
}

function readBudgetEvent(o: WireObject): BudgetEvent {
  expectSchema(o, BUDGET_SCHEMA);
  const facts = {
    schema: BUDGET_SCHEMA,
    event_id: uuid(o, 'event_id', ''),
    occurred_at: time(o, 'occurred_at', ''),
    budget_id: str(o, 'budget_id', ''),
  } as const;
  switch (o.type) {
    case 'budget.defined':
      return { ...facts, ...readBudgetDefinition(o), type: 'budget.defined' };
    case 'budget.updated':
      return { ...facts, ...readBudgetDefinition(o), type: 'budget.updated' };
    case 'budget.deleted':
      return { ...facts, type: 'budget.deleted' };
    case 'budget.threshold_crossed':
      return {
        ...facts,
        type: 'budget.threshold_crossed',
        threshold_pct: int(o, 'threshold_pct', '', 1, 100),
        spent_micro_usd: nonNegativeMoney(o, 'spent_micro_usd', ''),
        limit_micro_usd: nonNegativeMoney(o, 'limit_micro_usd', ''),
        window: readBudgetWindow(o, 'window', ''),
      };
    case 'budget.exhausted':
      return {
        ...facts,
        type: 'budget.exhausted',
        spent_micro_usd: nonNegativeMoney(o, 'spent_micro_usd', ''),
        limit_micro_usd: nonNegativeMoney(o, 'limit_micro_usd', ''),
        window: readBudgetWindow(o, 'window', ''),
        action: oneOf(o, 'action', '', ACTION_SET),
      };
    case 'budget.reset':
      return {
        ...facts,
        type: 'budget.reset',
        previous_window: readBudgetWindow(o, 'previous_window', ''),
        previous_spent_micro_usd: nonNegativeMoney(o, 'previous_spent_micro_usd', ''),
        window: readBudgetWindow(o, 'window', ''),
      };
    default:
      return unknownType(o, BUDGET_SCHEMA);
  }
}
