// The cost of an upstream attempt in integer micro-USD, and the shipped list-price catalog.
export * from './price.types.js';
export * from './price.catalog.js';
export * from './catalog.lookup.js';
export * from './attempt.pricer.js';
export * from './target.price.js';
export * from './usd.amount.js';
export * from './tokens/index.js';
