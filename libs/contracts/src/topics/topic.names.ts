/** Topic names; the `.v1` suffix changes only with an incompatible re-keying or re-partitioning. */
export const ROUTE_EVENTS_TOPIC = 'kt.route-events.v1';
export const PROBE_SAMPLES_TOPIC = 'kt.probe-samples.v1';
export const BUDGET_EVENTS_TOPIC = 'kt.budget-events.v1';
export const BUDGET_STATE_TOPIC = 'kt.budget-state.v1';
export const PACK_EVENTS_TOPIC = 'kt.pack-events.v1';
export const DEAD_LETTER_TOPIC = 'kt.dead-letter.v1';

export const TOPIC_NAMES = [
  ROUTE_EVENTS_TOPIC,
  PROBE_SAMPLES_TOPIC,
  BUDGET_EVENTS_TOPIC,
  BUDGET_STATE_TOPIC,
  PACK_EVENTS_TOPIC,
  DEAD_LETTER_TOPIC,
] as const;
export type TopicName = (typeof TOPIC_NAMES)[number];

export function isTopicName(value: string): value is TopicName {
  return (TOPIC_NAMES as readonly string[]).includes(value);
}
