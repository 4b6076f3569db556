import { kafkaOf, type BusClient } from './bus.client.js';
import type { ITopicConfig } from 'kafkajs';

/** What a topic should look like; `@kt/contracts` describes kt's own topics in this shape. */
export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions?: number;
  readonly replicationFactor?: number;
  readonly configEntries?:
    Readonly<Record<string, string>> | readonly { readonly name: string; readonly value: string }[];
}

export interface EnsureTopicsResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

/** The kafkajs create request for the specs whose topic is not in `existing` (pure, for testing). */
export function topicsToCreate(specs: readonly TopicSpec[], existing: ReadonlySet<string>): ITopicConfig[] {
  const seen = new Set<string>();
  const out: ITopicConfig[] = [];
  for (const spec of specs) {
    if (existing.has(spec.topic) || seen.has(spec.topic)) continue;
    seen.add(spec.topic);
    const entries = spec.configEntries;
    out.push({
      topic: spec.topic,
      // -1 lets the broker apply num.partitions / default.replication.factor.
      numPartitions: spec.numPartitions ?? -1,
      replicationFactor: spec.replicationFactor ?? -1,
      configEntries: Array.isArray(entries)
        ? entries.map((e) => ({ name: e.name, value: e.value }))
        : Object.entries(entries ?? {}).map(([name, value]) => ({ name, value })),
    });
  }
  return out;
}

/**
 * Creates the topics that do not exist yet, with their partitions and configs, and waits for their
 * leaders. Existing topics are left as they are, so calling it on every start is safe.
 */
export async function ensureTopics(
  kafka: BusClient,
  specs: readonly TopicSpec[],
): Promise<EnsureTopicsResult> {
  const admin = kafkaOf(kafka).admin();
  await admin.connect();
  try {
    const before = new Set(await admin.listTopics());
    const wanted = topicsToCreate(specs, before);
    if (wanted.length > 0) {
      // Returns false (no throw) when another process created some of them in the meantime.
      await admin.createTopics({ topics: wanted, waitForLeaders: true });
    }
    const created = wanted.map((t) => t.topic);
    const existing = [...new Set(specs.map((s) => s.topic))].filter((t) => before.has(t));
    return { created, existing };
  } finally {
    await admin.disconnect();
  }
}
