import { TOPICS } from './topic.catalog.js';
import { TOPIC_NAMES, TopicName } from './topic.names.js';

/** One topic to create; the shape of kafkajs' `ITopicConfig`, so an admin can pass it as is. */
export interface TopicConfig {
  readonly topic: TopicName;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly configEntries: readonly { readonly name: string; readonly value: string }[];
}

export interface TopicConfigOptions {
  /** Partitions per topic, overriding the catalog (6 for route events, 3 for the others). */
  readonly partitions?: Partial<Readonly<Record<TopicName, number>>>;
  /** 1 for a single local broker; 3 on a real cluster. Default 1. */
  readonly replicationFactor?: number;
  /** Extra or replacing broker configs per topic, e.g. a finite `retention.ms` for route events. */
  readonly configs?: Partial<Readonly<Record<TopicName, Readonly<Record<string, string>>>>>;
}

/** The configs of every kt topic, in catalog order, for an admin client to create. */
export function topicConfigs(options: TopicConfigOptions = {}): TopicConfig[] {
  const replicationFactor = options.replicationFactor ?? 1;
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new RangeError(`replicationFactor: expected an integer >= 1, got ${replicationFactor}`);
  }
  return TOPIC_NAMES.map((name) => {
    const numPartitions = options.partitions?.[name] ?? TOPICS[name].partitions;
    if (!Number.isInteger(numPartitions) || numPartitions < 1) {
      throw new RangeError(`partitions.${name}: expected an integer >= 1, got ${numPartitions}`);
    }
    const configs = { ...TOPICS[name].configs, ...options.configs?.[name] };
    return {
      topic: name,
      numPartitions,
      replicationFactor,
      configEntries: Object.entries(configs).map(([key, value]) => ({ name: key, value })),
    };
  });
}
