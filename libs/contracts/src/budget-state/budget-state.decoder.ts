import { ACTION_SET, PERIOD_SET, readBudgetScope } from '../budget/budget-definition.reader.js';
import { decoded, DecodeResult } from '../validation/decode.result.js';
import {
  bool,
  fail,
  money,
  nonNegativeMoney,
  num,
  oneOf,
  str,
  time,
  timeOrNull,
  WireObject,
} from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import {
  BUDGET_STATE_SCHEMA,
  BUDGET_STATUSES,
  BudgetState,
  BudgetStateRecord,
  BudgetStatus,
} from './budget-state.event.js';

const STATUS_SET: ReadonlySet<BudgetStatus> = new Set(BUDGET_STATUSES);

/**
 * Decodes a record of `kt.budget-state.v1`. A missing or empty value is a tombstone and decodes to
 * `null`: the budget was deleted and compaction will drop its key.
 */
export function decodeBudgetState(input: WireInput): DecodeResult<BudgetStateRecord> {
  if (
    input === null ||
    input === undefined ||
    ((input instanceof Uint8Array || typeof input === 'string') && input.length === 0)
  ) {
    return decoded(null);
  }
  return decodeWith<BudgetStateRecord>(input, readBudgetState);
}

function readBudgetState(o: WireObject): BudgetState {
  expectSchema(o, BUDGET_STATE_SCHEMA);
  if (o.type !== 'budget.state') unknownType(o, BUDGET_STATE_SCHEMA);
  const period = oneOf(o, 'period', '', PERIOD_SET);
  const windowEnd = timeOrNull(o, 'window_end', '');
  if ((period === 'total') !== (windowEnd === null)) {
    fail(
      'window_end',
      period === 'total' ? 'null for a total budget' : `a timestamp for a ${period} budget`,
      windowEnd,
    );
  }
  return {
    schema: BUDGET_STATE_SCHEMA,
    type: 'budget.state',
    budget_id: str(o, 'budget_id', ''),
    scope: readBudgetScope(o, 'scope', ''),
    period,
    action: oneOf(o, 'action', '', ACTION_SET),
    window_start: time(o, 'window_start', ''),
    window_end: windowEnd,
    limit_micro_usd: nonNegativeMoney(o, 'limit_micro_usd', ''),
    spent_micro_usd: nonNegativeMoney(o, 'spent_micro_usd', ''),
    remaining_micro_usd: money(o, 'remaining_micro_usd', ''),
    utilisation_pct: num(o, 'utilisation_pct', '', 0),
    status: oneOf(o, 'status', '', STATUS_SET),
    updated_at: time(o, 'updated_at', ''),
    deleted: bool(o, 'deleted', ''),
  };
}
