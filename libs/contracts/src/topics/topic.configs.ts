import { TOPICS } from './topic.catalog.js';
import { TOPIC_NAMES, TopicName } from './topic.names.js';

/** One topic to create; the shape of kafkajs' `ITopicConfig`, so an admin can pass it as is. */
export interface TopicConfig {
  readonly topic: TopicName;
  readonly numPartitions: number;
  /** -1 = the broker's `default.replication.factor`. */
  readonly replicationFactor: number;
  readonly configEntries: readonly { readonly name: string; readonly value: string }[];
}

export interface TopicConfigOptions {
  /** Partitions per topic, overriding the catalog (6 for route events, 3 for the others). */
  readonly partitions?: Partial<Readonly<Record<TopicName, number>>>;
  /**
   * Replicas per topic, e.g. 3 on a real cluster. Unset = the broker's `default.replication.factor`
   * (1 on a single local broker), so a cluster never gets topics its `min.insync.replicas` refuses.
   */
  readonly replicationFactor?: number;
  /** Extra or replacing broker configs per topic, e.g. a finite `retention.ms` for route events. */
  readonly configs?: Partial<Readonly<Record<TopicName, Readonly<Record<string, string>>>>>;
}

/** The environment variable that sets the replication factor of the topics kt creates at start-up. */
export const TOPIC_REPLICATION_FACTOR_ENV = 'KT_TOPIC_REPLICATION_FACTOR';

/** The configs of every kt topic, in catalog order, for an admin client to create. */
export function topicConfigs(options: TopicConfigOptions = {}): TopicConfig[] {
  const replicationFactor = options.replicationFactor ?? -1;
  if (options.replicationFactor !== undefined) checkAtLeastOne('replicationFactor', replicationFactor);
  return TOPIC_NAMES.map((name) => {
    const numPartitions = options.partitions?.[name] ?? TOPICS[name].partitions;
    checkAtLeastOne(`partitions.${name}`, numPartitions);
    const configs = { ...TOPICS[name].configs, ...options.configs?.[name] };
    return {
      topic: name,
      numPartitions,
      replicationFactor,
      configEntries: Object.entries(configs).map(([key, value]) => ({ name: key, value })),
    };
  });
}

/** `topicConfigs()` with the replication factor of `KT_TOPIC_REPLICATION_FACTOR`, for the services. */
export function topicConfigsFromEnv(env: Readonly<Record<string, string | undefined>>): TopicConfig[] {
  return topicConfigs({ replicationFactor: topicReplicationFactorFromEnv(env) });
}

/** `KT_TOPIC_REPLICATION_FACTOR` as an integer >= 1, or undefined when unset (broker default). */
export function topicReplicationFactorFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): number | undefined {
  const raw = env[TOPIC_REPLICATION_FACTOR_ENV]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new RangeError(`${TOPIC_REPLICATION_FACTOR_ENV}: expected an integer >= 1, got "${raw}"`);
  }
  return Number(raw);
}

function checkAtLeastOne(path: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${path}: expected an integer >= 1, got ${value}`);
  }
}
