export {
  EMPTY_TOTALS,
  addTotals,
  applyRow,
  evolve,
  hourStart,
  rollup,
  spendKeyOf,
  spendKeyString,
  toEntryRow,
  totalsOf,
  type LedgerEntryRow,
  type SpendKey,
  type SpendRow,
  type SpendState,
  type SpendTotals,
} from './spend.evolve.js';
export { describeDifference, diffRollups, type RollupDifference } from './rollup.diff.js';
export {
  LIVE_TABLES,
  REBUILD_TABLES,
  createTablesSql,
  dropTablesSql,
  entriesKeySql,
  monthRange,
  partitionName,
  type LedgerTables,
} from './ledger.tables.js';
export { readSpendRows, type SpendRowsSource } from './spend-rows.reader.js';
export { sampleRouteEvent } from './route-event.sample.js';
export { windowAt, type WindowRange } from './budget.window.js';
export { budgetSpendQuery, type BudgetSpendQuery } from './budget-spend.sql.js';
