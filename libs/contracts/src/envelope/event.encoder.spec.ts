import { describe, expect, it } from 'vitest';
import {
  budgetEvents,
  budgetState,
  deadLettered,
  packApplied,
  probeHealthy,
  routeCompleted,
} from '../fixtures/events.fixture.js';
import { TOPIC_DECODERS } from '../topics/topic.decoders.js';
import type { TopicName } from '../topics/topic.names.js';
import { encodeEvent, KtEvent } from './event.encoder.js';

const samples: readonly (readonly [TopicName, KtEvent])[] = [
  ['kt.route-events.v1', routeCompleted],
  ['kt.probe-samples.v1', probeHealthy],
  ...budgetEvents.map((event) => ['kt.budget-events.v1', event] as const),
  ['kt.budget-state.v1', budgetState],
  ['kt.pack-events.v1', packApplied],
  ['kt.dead-letter.v1', deadLettered],
];

describe('encodeEvent', () => {
  it.each(samples.map(([topic, event]) => [`${event.type} on ${topic}`, topic, event] as const))(
    'writes %s as UTF-8 JSON its topic decoder reads back unchanged',
    (_name, topic, event) => {
      const bytes = encodeEvent(event);
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(event);
      expect(TOPIC_DECODERS[topic](bytes)).toEqual({ ok: true, value: event });
    },
  );

  it('fails loudly when money slipped through as a bigint', () => {
    const broken = {
      ...routeCompleted,
      cost: { ...routeCompleted.cost, micro_usd: 4896n },
    } as unknown as KtEvent;
    expect(() => encodeEvent(broken)).toThrow(TypeError);
  });
});
