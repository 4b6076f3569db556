/** The seed document's `kt spend provider-budget create --provider openai --limit 5000 --period monthly`, as written. */
export const SEED_OPENAI_BUDGET: readonly string[] = [
  'spend',
  'provider-budget',
  'create',
  '--provider',
  'openai',
  '--limit',
  '5000',
  '--period',
  'monthly',
];
