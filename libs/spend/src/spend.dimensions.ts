/** The dimensions spend is grouped and filtered by, as APIs name them (`key` is the API key id). */
export const SPEND_DIMENSIONS = ['provider', 'target', 'group', 'model', 'team', 'key'] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

/** Dimension → column of `spend_hourly` and `ledger_entries` (the same in both; `group` is a keyword). */
export const SPEND_DIMENSION_COLUMNS: Readonly<Record<SpendDimension, string>> = {
  provider: 'provider',
  target: 'target',
  group: '"group"',
  model: 'model',
  team: 'team',
  key: 'key_id',
};
