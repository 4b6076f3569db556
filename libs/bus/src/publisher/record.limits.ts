import { kafkaOf, type BusClient } from '../bus.client.js';
import { ConfigResourceTypes } from '../kafka.runtime.js';
import { withDeadline } from './loop.wakeup.js';
import { encodedRecordBytes } from './record.size.js';
import type { PublishRecord } from './publish.record.js';

/** Kafka's default `message.max.bytes` (1 MiB + 12): what a topic without an override accepts. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

export type LimitCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly bytes: number; readonly limit: number; readonly reason: string };

/**
 * The largest record batch each topic accepts. Learnt from the broker (the topic's effective
 * `max.message.bytes`, which falls back to the broker's `message.max.bytes`) whenever the
 * publisher connects; until then, and where the broker does not say (no DescribeConfigs ACL),
 * Kafka's default applies. An override (`KT_PUBLISHER_MAX_MESSAGE_BYTES`) replaces all of it.
 */
export class RecordLimits {
  private readonly byTopic = new Map<string, number>();
  /** Seen, not asked about yet: asked as soon as the publisher is connected. */
  private readonly unlearned = new Set<string>();
  /** Asked about without an answer (not created yet, no ACL): asked again at the next connect. */
  private readonly unanswered = new Set<string>();

  constructor(private readonly override: number | undefined) {}

  /** Topics to ask about at the next `learn`, before any record for them is seen. */
  expect(topics: readonly string[]): void {
    if (this.override !== undefined) return;
    for (const topic of topics) if (!this.byTopic.has(topic)) this.unlearned.add(topic);
  }

  limitFor(topic: string): number {
    return this.override ?? this.byTopic.get(topic) ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Whether `record` alone fits its topic's limit; synchronous, for the publish path. */
  check(record: PublishRecord): LimitCheck {
    const topic = record.topic;
    if (this.override === undefined && !this.byTopic.has(topic) && !this.unanswered.has(topic)) {
      this.unlearned.add(topic);
    }
    const bytes = encodedRecordBytes(record);
    const limit = this.limitFor(record.topic);
    if (bytes <= limit) return { ok: true };
    return {
      ok: false,
      bytes,
      limit,
      reason: `RECORD_TOO_LARGE: ${bytes} bytes encoded, ${record.topic} accepts at most ${limit}`,
    };
  }

  get hasUnlearned(): boolean {
    return this.unlearned.size > 0;
  }

  /** Asks the broker for the limits of topics seen so far; what it cannot answer stays as it was. */
  async learn(kafka: BusClient, timeoutMs: number): Promise<void> {
    if (this.override !== undefined) return;
    const topics = [...new Set([...this.byTopic.keys(), ...this.unlearned, ...this.unanswered])];
    this.unlearned.clear();
    this.unanswered.clear();
    if (topics.length === 0) return;
    const admin = kafkaOf(kafka).admin({ retry: { retries: 0 } });
    try {
      await withDeadline(admin.connect(), timeoutMs, 'connecting the admin client');
      // One topic per request: an unknown topic fails its own lookup, not the others'.
      for (const topic of topics) {
        const described = await withDeadline(
          admin.describeConfigs({
            includeSynonyms: false,
            resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
          }),
          timeoutMs,
          'describing the topic',
        ).catch(() => undefined);
        const value = described?.resources[0]?.configEntries.find(
          (e) => e.configName === 'max.message.bytes',
        )?.configValue;
        const limit = Number(value);
        if (Number.isSafeInteger(limit) && limit > 0) this.byTopic.set(topic, limit);
        else if (!this.byTopic.has(topic)) this.unanswered.add(topic);
      }
    } catch (error) {
      for (const topic of topics) if (!this.byTopic.has(topic)) this.unanswered.add(topic);
      throw error;
    } finally {
      await withDeadline(admin.disconnect(), timeoutMs, 'disconnecting the admin client').catch(
        () => undefined,
      );
    }
  }
}
