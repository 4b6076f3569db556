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
export {
  SPEND_ROW_COLUMNS,
  readSpendRows,
  toSpendRow,
  type SpendRowRecord,
  type SpendRowsSource,
} from './spend-rows.reader.js';
export {
  readSpendKey,
  readSpendTotals,
  spendKeyRecord,
  spendTotalsRecord,
  type SpendKeyRecord,
  type SpendTotalsRecord,
} from './spend-record.codec.js';
export { windowAt, type WindowRange } from './budget.window.js';
export {
  budgetScopeFilter,
  budgetSpendQuery,
  type BudgetScopeFilter,
  type BudgetSpendQuery,
} from './budget-spend.sql.js';
export { SPEND_DIMENSIONS, SPEND_DIMENSION_COLUMNS, type SpendDimension } from './spend.dimensions.js';
export {
  ENTRY_FLAG_SUMS_SQL,
  FLAG_COLUMNS,
  NO_FLAGS,
  ROLLUP_FLAG_SUMS_SQL,
  UNPRICED_ENTRY_SQL,
  addFlagColumnsSql,
  addFlags,
  flagsOfEntry,
  readSpendFlags,
  type SpendFlags,
  type SpendFlagsRecord,
} from './spend.flags.js';
export { NO_PROVIDER_LABEL, REJECTED_LABEL, isUnpricedUse, noProviderLabel } from './spend.labels.js';
