import { decodeBudgetState } from '../budget-state/budget-state.decoder.js';
import type { BudgetStateRecord } from '../budget-state/budget-state.event.js';
import { decodeBudgetEvent } from '../budget/budget.decoder.js';
import type { BudgetEvent } from '../budget/budget.event.js';
import { decodeDeadLetter } from '../dead-letter/dead-letter.decoder.js';
import type { DeadLetterEvent } from '../dead-letter/dead-letter.event.js';
import { decodePackEvent } from '../pack/pack.decoder.js';
import type { PackEvent } from '../pack/pack.event.js';
import { decodeProbeSample } from '../probe/probe-sample.decoder.js';
import type { ProbeEvent } from '../probe/probe-sample.event.js';
import { decodeRouteEvent } from '../route/route.decoder.js';
import type { RouteEvent } from '../route/route.event.js';
import type { DecodeResult } from '../validation/decode.result.js';
import type { WireInput } from '../validation/payload.decoder.js';
import {
  BUDGET_EVENTS_TOPIC,
  BUDGET_STATE_TOPIC,
  DEAD_LETTER_TOPIC,
  PACK_EVENTS_TOPIC,
  PROBE_SAMPLES_TOPIC,
  ROUTE_EVENTS_TOPIC,
  TopicName,
} from './topic.names.js';

/** The decoded value type of each topic (budget state: null for a tombstone). */
export interface TopicValues {
  readonly [ROUTE_EVENTS_TOPIC]: RouteEvent;
  readonly [PROBE_SAMPLES_TOPIC]: ProbeEvent;
  readonly [BUDGET_EVENTS_TOPIC]: BudgetEvent;
  readonly [BUDGET_STATE_TOPIC]: BudgetStateRecord;
  readonly [PACK_EVENTS_TOPIC]: PackEvent;
  readonly [DEAD_LETTER_TOPIC]: DeadLetterEvent;
}

export type TopicDecoder<T extends TopicName> = (input: WireInput) => DecodeResult<TopicValues[T]>;

/** The decoder of each topic, for generic consumers such as replay and export. */
export const TOPIC_DECODERS: { readonly [T in TopicName]: TopicDecoder<T> } = {
  [ROUTE_EVENTS_TOPIC]: decodeRouteEvent,
  [PROBE_SAMPLES_TOPIC]: decodeProbeSample,
  [BUDGET_EVENTS_TOPIC]: decodeBudgetEvent,
  [BUDGET_STATE_TOPIC]: decodeBudgetState,
  [PACK_EVENTS_TOPIC]: decodePackEvent,
  [DEAD_LETTER_TOPIC]: decodeDeadLetter,
};
