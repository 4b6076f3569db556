// The cost of an upstream attempt in integer micro-USD, priced from @pydantic/genai-prices.
export * from './price.types.js';
export * from './catalog.source.js';
export * from './catalog.lookup.js';
export * from './cost.of.js';
export * from './attempt.pricer.js';
export * from './target.price.js';
export * from './target-attempt.pricer.js';
// The ledger's budget API reads its USD text with the contracts' one money reader.
export { microUsdFromUsd } from '@kt/contracts';
export * from './tokens/index.js';
export * from './prices.file.js';
export * from './unpriced.targets.js';
export * from './catalog.metric.js';
