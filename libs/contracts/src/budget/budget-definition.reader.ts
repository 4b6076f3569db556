import {
  arr,
  fail,
  nonNegativeMoney,
  obj,
  oneOf,
  optionalStr,
  str,
  time,
  timeOrNull,
  WireObject,
} from '../validation/field.reader.js';
import {
  BUDGET_ACTIONS,
  BUDGET_PERIODS,
  BUDGET_SCOPE_KINDS,
  BudgetAction,
  BudgetDefinition,
  BudgetPeriod,
  BudgetScope,
  BudgetScopeKind,
  BudgetWindow,
  DEFAULT_THRESHOLDS_PCT,
} from './budget.definition.js';

const SCOPE_KIND_SET: ReadonlySet<BudgetScopeKind> = new Set(BUDGET_SCOPE_KINDS);
export const PERIOD_SET: ReadonlySet<BudgetPeriod> = new Set(BUDGET_PERIODS);
export const ACTION_SET: ReadonlySet<BudgetAction> = new Set(BUDGET_ACTIONS);

/** Reads the definition fields found at the top level of `budget.defined` / `budget.updated`. */
export function readBudgetDefinition(o: WireObject): BudgetDefinition {
  const definition = {
    budget_id: str(o, 'budget_id', ''),
    scope: readBudgetScope(o, 'scope', ''),
    period: oneOf(o, 'period', '', PERIOD_SET),
    limit_micro_usd: nonNegativeMoney(o, 'limit_micro_usd', ''),
    thresholds_pct: readThresholds(o),
    action: oneOf(o, 'action', '', ACTION_SET),
  };
  const name = optionalStr(o, 'name', '');
  return name === undefined ? definition : { ...definition, name };
}

export function readBudgetScope(o: WireObject, key: string, at: string): BudgetScope {
  const scope = obj(o, key, at);
  const path = `${at}${key}.`;
  const kind = oneOf(scope, 'kind', path, SCOPE_KIND_SET);
  if (kind === 'global') {
    if (scope.value !== null) fail(`${path}value`, 'null for a global scope', scope.value);
    return { kind, value: null };
  }
  return { kind, value: str(scope, 'value', path) };
}

export function readBudgetWindow(o: WireObject, key: string, at: string): BudgetWindow {
  const window = obj(o, key, at);
  const path = `${at}${key}.`;
  return { start: time(window, 'start', path), end: timeOrNull(window, 'end', path) };
}

function readThresholds(o: WireObject): readonly number[] {
  if (o.thresholds_pct === undefined) return DEFAULT_THRESHOLDS_PCT;
  const items = arr(o, 'thresholds_pct', '');
  const thresholds = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    const pct = items[i];
    const previous = i === 0 ? 0 : thresholds[i - 1];
    if (!Number.isInteger(pct) || (pct as number) > 100 || (pct as number) <= previous) {
      fail(`thresholds_pct[${i}]`, `an integer between ${previous + 1} and 100 (ascending, no repeats)`, pct);
    }
    thresholds[i] = pct as number;
  }
  return thresholds;
}
