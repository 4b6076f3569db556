// Event contracts of kt: topic names and configs, typed events per topic, runtime decoders, money and time.
export * from './validation/decode.result.js';
export type { WireInput } from './validation/payload.decoder.js';
export { isStorableText, toStorableText } from './validation/storable.text.js';

export * from './caps/client-input.caps.js';
export * from './money/micro-usd.codec.js';
export * from './money/usd.decimal.js';
export type * from './money/price.rates.js';
export * from './time/utc-time.js';
export * from './time/window.parse.js';
export * from './ids/event-id.factory.js';

export { isOneOf } from './vocabulary/word.list.js';
export * from './vocabulary/vendor.js';
export * from './vocabulary/strategy.names.js';
export * from './vocabulary/fallback.triggers.js';
export * from './vocabulary/upstream-error.kinds.js';

export * from './topics/topic.names.js';
export * from './topics/topic.catalog.js';
export * from './topics/topic.configs.js';
export * from './topics/topic.decoders.js';
export * from './envelope/event.encoder.js';

export * from './route/route.event.js';
export * from './route/route.decoder.js';
export * from './route/route-event.parts.js';
export type { ReportedUsage } from './usage/reported-usage.js';
export * from './probe/probe-sample.event.js';
export * from './probe/probe-sample.decoder.js';
export * from './budget/budget.definition.js';
export * from './budget/budget.event.js';
export * from './budget/budget.decoder.js';
export * from './budget-state/budget-state.event.js';
export * from './budget-state/budget-state.decoder.js';
export type { PackRef } from './pack/pack-ref.contract.js';
export * from './pack/pack.event.js';
export * from './pack/pack.decoder.js';
export { packSigningPayload, type PackSignature } from './pack/pack-signature.contract.js';
export * from './dead-letter/dead-letter.event.js';
export * from './dead-letter/dead-letter.decoder.js';
export * from './dead-letter/dead-letter.factory.js';
export * from './dead-letter/dead-letter.produce.js';
export type { PartitionAccount, VerifyReport } from './ledger-api/verify-report.contract.js';
