// The window rule lives in @kt/spend so reporting shows budgets over exactly the ledger's windows.
export { windowAt, type WindowRange } from '@kt/spend';
