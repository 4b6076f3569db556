import { describe, expect, it } from 'vitest';
import {
  brokerSettings,
  kafkaJvmArgs,
  log4jSettings,
  newClusterId,
  storageFormatArgs,
  toProperties,
} from './kafka.config.js';

describe('brokerSettings', () => {
  const settings = brokerSettings({ port: 19092, controllerPort: 19093, logDir: '/data/kafka/data' });

  it.each([
    ['process.roles', 'broker,controller'],
    ['controller.quorum.voters', '1@localhost:19093'],
    ['listeners', 'PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093'],
    ['advertised.listeners', 'PLAINTEXT://localhost:19092'],
    ['log.dirs', '/data/kafka/data'],
    ['offsets.topic.replication.factor', '1'],
    ['transaction.state.log.replication.factor', '1'],
    ['transaction.state.log.min.isr', '1'],
    ['group.initial.rebalance.delay.ms', '0'],
    ['auto.create.topics.enable', 'false'],
    ['num.partitions', '3'],
  ])('sets %s to %s', (key, value) => {
    expect(settings[key]).toBe(value);
  });

  it('lets overrides replace a default and add new settings', () => {
    const s = brokerSettings({
      port: 1,
      controllerPort: 2,
      logDir: '/d',
      overrides: { 'num.partitions': '6', 'log.retention.hours': '1' },
    });
    expect(s['num.partitions']).toBe('6');
    expect(s['log.retention.hours']).toBe('1');
  });
});

describe('toProperties', () => {
  it('writes one key=value line per entry and escapes backslashes', () => {
    expect(toProperties({ a: '1', 'log.dirs': 'C:\\kafka' })).toBe('a=1\nlog.dirs=C:\\\\kafka\n');
  });
});

describe('log4jSettings', () => {
  it('sends the root logger to a file appender writing the given file', () => {
    const s = log4jSettings('/data/kafka/logs/server.log');
    expect(s['log4j.rootLogger']).toBe('INFO, file');
    expect(s['log4j.appender.file.File']).toBe('/data/kafka/logs/server.log');
  });
});

describe('kafkaJvmArgs', () => {
  it('bounds the heap, uses G1 and points log4j at the file as a URL', () => {
    const args = kafkaJvmArgs({
      heapMin: '256m',
      heapMax: '768m',
      log4jFile: '/d/log4j.properties',
      logsDir: '/d/logs',
    });
    expect(args).toEqual(
      expect.arrayContaining([
        '-Xms256m',
        '-Xmx768m',
        '-XX:+UseG1GC',
        '-Dlog4j.configuration=file:///d/log4j.properties',
      ]),
    );
  });
});

describe('newClusterId', () => {
  it('is 22 URL-safe base64 characters (16 bytes) and differs each time', () => {
    const a = newClusterId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(16);
    expect(newClusterId()).not.toBe(a);
  });
});

describe('storageFormatArgs', () => {
  it('keeps a cluster id that begins with "-" attached to its option', () => {
    expect(storageFormatArgs('-abcDEF0123456789abcd', '/x/server.properties')).toEqual([
      'format',
      '--cluster-id=-abcDEF0123456789abcd',
      '--config',
      '/x/server.properties',
    ]);
  });
});
