import {
  BUDGET_EVENTS_TOPIC,
  BUDGET_STATE_TOPIC,
  DEAD_LETTER_TOPIC,
  PACK_EVENTS_TOPIC,
  PROBE_SAMPLES_TOPIC,
  ROUTE_EVENTS_TOPIC,
  TopicName,
} from './topic.names.js';

export interface TopicSpec {
  readonly name: TopicName;
  /** What the record key is. */
  readonly key: string;
  readonly content: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'delete' | 'compact';
  /** -1 = unlimited. */
  readonly retentionMs: number;
  /** Broker-side topic configs, exactly as passed to topic creation. */
  readonly configs: Readonly<Record<string, string>>;
}

const DAY_MS = 86_400_000;

export const TOPICS: Readonly<Record<TopicName, TopicSpec>> = {
  [ROUTE_EVENTS_TOPIC]: {
    name: ROUTE_EVENTS_TOPIC,
    key: 'request_id',
    content: 'one route event per gateway request (completed, failed or rejected)',
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: -1,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': '-1' },
  },
  [PROBE_SAMPLES_TOPIC]: {
    name: PROBE_SAMPLES_TOPIC,
    key: 'target id',
    content: 'active probe results: ok, latency, status, error kind',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: DAY_MS,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': String(DAY_MS) },
  },
  [BUDGET_EVENTS_TOPIC]: {
    name: BUDGET_EVENTS_TOPIC,
    key: 'budget_id',
    content: 'budget defined / updated / deleted, threshold crossed, exhausted, reset',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: -1,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': '-1' },
  },
  [BUDGET_STATE_TOPIC]: {
    name: BUDGET_STATE_TOPIC,
    key: 'budget_id',
    content: 'current window, limit, spent, status and action of each budget; null value = deleted',
    partitions: 3,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    configs: { 'cleanup.policy': 'compact' },
  },
  // "Compacted + history": compaction keeps the latest pack per name for hot reload, and
  // min.compaction.lag.ms keeps every applied version uncompacted for a year as the audit trail.
  // (compact,delete with retention.ms=-1 would never delete, so it is plain compaction anyway.)
  [PACK_EVENTS_TOPIC]: {
    name: PACK_EVENTS_TOPIC,
    key: 'pack name',
    content: 'pack applied (who, when, sha256, content): hot reload and config audit trail',
    partitions: 3,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    configs: {
      'cleanup.policy': 'compact',
      'retention.ms': '-1',
      'min.compaction.lag.ms': String(365 * DAY_MS),
    },
  },
  [DEAD_LETTER_TOPIC]: {
    name: DEAD_LETTER_TOPIC,
    key: 'topic:partition:offset of the source record',
    content: 'records a consumer could not process, with the reason',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': String(30 * DAY_MS) },
  },
};
