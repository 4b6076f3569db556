import type { BudgetState } from '../budget-state/budget-state.event.js';
import type { BudgetEvent } from '../budget/budget.event.js';
import type { DeadLetterEvent } from '../dead-letter/dead-letter.event.js';
import type { PackEvent } from '../pack/pack.event.js';
import type { ProbeEvent } from '../probe/probe-sample.event.js';
import type { RouteEvent } from '../route/route.event.js';

/** Every record value kt writes to Kafka. */
export type KtEvent = RouteEvent | ProbeEvent | BudgetEvent | BudgetState | PackEvent | DeadLetterEvent;

/**
 * Serialises an event to its wire bytes (UTF-8 JSON). Money is already a string in the types, so a
 * stray bigint is a bug and JSON.stringify's TypeError is left to surface it.
 */
export function encodeEvent(event: KtEvent): Buffer {
  return Buffer.from(JSON.stringify(event), 'utf8');
}
