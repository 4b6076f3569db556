import { describe, expect, it } from 'vitest';
import { TOPICS } from './topic.catalog.js';
import { topicConfigs, topicConfigsFromEnv, topicReplicationFactorFromEnv } from './topic.configs.js';
import { TOPIC_NAMES } from './topic.names.js';

const entries = (topic: string, options = {}) =>
  Object.fromEntries(
    topicConfigs(options)
      .find((config) => config.topic === topic)
      ?.configEntries.map((e) => [e.name, e.value]) ?? [],
  );

describe('topicConfigs', () => {
  it.each([
    ['kt.route-events.v1', 6, { 'cleanup.policy': 'delete', 'retention.ms': '-1' }],
    ['kt.probe-samples.v1', 3, { 'cleanup.policy': 'delete', 'retention.ms': '86400000' }],
    ['kt.budget-events.v1', 3, { 'cleanup.policy': 'delete', 'retention.ms': '-1' }],
    ['kt.budget-state.v1', 3, { 'cleanup.policy': 'compact' }],
    [
      'kt.pack-events.v1',
      3,
      { 'cleanup.policy': 'compact', 'retention.ms': '-1', 'min.compaction.lag.ms': '31536000000' },
    ],
    ['kt.dead-letter.v1', 3, { 'cleanup.policy': 'delete', 'retention.ms': '2592000000' }],
  ])('creates %s with %i partitions and its retention', (topic, partitions, configs) => {
    const config = topicConfigs().find((c) => c.topic === topic);
    expect(config?.numPartitions).toBe(partitions);
    // -1: the broker's default.replication.factor, so a cluster never gets under-replicated topics.
    expect(config?.replicationFactor).toBe(-1);
    expect(entries(topic)).toEqual(configs);
  });

  it('lists every topic once, in catalog order', () => {
    expect(topicConfigs().map((c) => c.topic)).toEqual([...TOPIC_NAMES]);
    expect(Object.values(TOPICS).map((spec) => spec.name)).toEqual([...TOPIC_NAMES]);
  });

  it('applies partition, replication and config overrides for a real cluster', () => {
    const options = {
      partitions: { 'kt.route-events.v1': 24 },
      replicationFactor: 3,
      configs: { 'kt.route-events.v1': { 'retention.ms': '31536000000', 'min.insync.replicas': '2' } },
    };
    const route = topicConfigs(options).find((c) => c.topic === 'kt.route-events.v1');
    expect([route?.numPartitions, route?.replicationFactor]).toEqual([24, 3]);
    expect(entries('kt.route-events.v1', options)).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': '31536000000',
      'min.insync.replicas': '2',
    });
    expect(entries('kt.probe-samples.v1', options)['retention.ms']).toBe('86400000');
  });

  it.each([
    [
      { partitions: { 'kt.dead-letter.v1': 0 } },
      'partitions.kt.dead-letter.v1: expected an integer >= 1, got 0',
    ],
    [{ replicationFactor: 1.5 }, 'replicationFactor: expected an integer >= 1, got 1.5'],
  ])('refuses nonsensical sizes: %j', (options, message) => {
    expect(() => topicConfigs(options)).toThrow(message);
  });
});

describe('topicReplicationFactorFromEnv', () => {
  it.each([
    [{}, undefined],
    [{ KT_TOPIC_REPLICATION_FACTOR: '' }, undefined],
    [{ KT_TOPIC_REPLICATION_FACTOR: '3' }, 3],
    [{ KT_TOPIC_REPLICATION_FACTOR: ' 1 ' }, 1],
  ])('reads %j as %s', (env, expected) => {
    expect(topicReplicationFactorFromEnv(env)).toBe(expected);
  });

  it.each(['0', '-1', '2.5', 'three', '3x'])('refuses %j with an error naming the variable', (value) => {
    expect(() => topicReplicationFactorFromEnv({ KT_TOPIC_REPLICATION_FACTOR: value })).toThrow(
      `KT_TOPIC_REPLICATION_FACTOR: expected an integer >= 1, got "${value}"`,
    );
  });

  it('gives every topic the configured replication factor, or the broker default when unset', () => {
    expect(
      new Set(topicConfigsFromEnv({ KT_TOPIC_REPLICATION_FACTOR: '3' }).map((c) => c.replicationFactor)),
    ).toEqual(new Set([3]));
    expect(new Set(topicConfigsFromEnv({}).map((c) => c.replicationFactor))).toEqual(new Set([-1]));
  });
});
