import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createKafka,
  kafkaSecurityFromEnv,
  PUBLISHER_CLIENT_RETRY,
  type EventPublisher,
  type BusClient,
  type KafkaSecurity,
} from '@kt/bus';
import { DEAD_LETTER_TOPIC, PACK_EVENTS_TOPIC, ROUTE_EVENTS_TOPIC } from '@kt/contracts';
import { claimPort, startKafka, type PortClaim, type RunningKafka } from '@kt/local-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_FILE } from '../../libs/bus/src/publisher/dead-letter.file.js';
import { eventually, readTopic, record, startedPublisher, tempSpoolDir } from './publisher.fixture.js';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  kafkaAdmin,
} from '../support/kafka.client.js';

const REPO = join(import.meta.dirname, '..', '..');
const run = randomUUID().slice(0, 8);
const ADMIN = { username: 'admin', password: `admin-${run}` };
const GATEWAY = { username: 'gateway', password: `gateway-${run}` };
const ROUTE_LIMIT = 20_000;

const security = (user: { username: string; password: string }): KafkaSecurity =>
  kafkaSecurityFromEnv({
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user.username,
    KAFKA_SASL_PASSWORD: user.password,
  });

/**
 * A principal that may write route events but not `kt.dead-letter.v1` (the k8s ACLs before the
 * fix): a dead letter it cannot publish must go to the local file, never hold up the route events.
 */
describe('a publisher whose principal may not write kt.dead-letter.v1', () => {
  let broker: RunningKafka;
  let claims: PortClaim[] = [];
  let dataDir: string;
  const client = (sec: KafkaSecurity): BusClient =>
    createKafka({
      clientId: `kt-denied-test-${run}`,
      brokers: broker.brokers,
      security: sec,
      retry: PUBLISHER_CLIENT_RETRY,
    });

  beforeAll(async () => {
    claims = [await claimPort(19392)];
    claims.push(await claimPort(19393, [claims[0]!.port]));
    const [port, controllerPort] = claims.map((c) => c.port) as [number, number];
    dataDir = join(REPO, '.kt', 'test-kafka-denied', String(port));
    broker = await startKafka({
      port,
      controllerPort,
      dataDir,
      fresh: true,
      heap: { min: '128m', max: '384m' },
      sasl: { admin: ADMIN, users: [GATEWAY] },
      javaHome: process.env.JAVA_HOME,
    });
    const admin = kafkaAdmin(client(broker.adminSecurity));
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [
          {
            topic: ROUTE_EVENTS_TOPIC,
            numPartitions: 1,
            configEntries: [{ name: 'max.message.bytes', value: String(ROUTE_LIMIT) }],
          },
          { topic: DEAD_LETTER_TOPIC, numPartitions: 1 },
          { topic: PACK_EVENTS_TOPIC, numPartitions: 1 },
        ],
      });
      const allow = (resourceName: string, patternType: number, operation: number) => ({
        principal: `User:${GATEWAY.username}`,
        host: '*',
        resourceType: AclResourceTypes.TOPIC,
        resourceName,
        resourcePatternType: patternType,
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      });
      // As k8s/infra/strimzi granted the gateway: Write on route events, Describe(Configs) on kt.*.
      await admin.createAcls({
        acl: [
          allow(ROUTE_EVENTS_TOPIC, ResourcePatternTypes.LITERAL, AclOperationTypes.WRITE),
          allow('kt.', ResourcePatternTypes.PREFIXED, AclOperationTypes.DESCRIBE),
          allow('kt.', ResourcePatternTypes.PREFIXED, AclOperationTypes.DESCRIBE_CONFIGS),
        ],
      });
    } finally {
      await admin.disconnect();
    }
  }, 180_000);

  afterAll(async () => {
    await broker?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await Promise.all(claims.map((c) => c.release()));
  });

  it('writes the dead letter of an oversized record to the local file and still delivers the records after it', async () => {
    const spool = await tempSpoolDir();
    const errors: string[] = [];
    let publisher: EventPublisher | undefined;
    try {
      publisher = await startedPublisher(client(security(GATEWAY)), {
        spoolDir: spool.dir,
        topics: [ROUTE_EVENTS_TOPIC],
        maxMessageBytes: ROUTE_LIMIT,
        backoff: { initialMs: 50, maxMs: 500 },
        errorLogIntervalMs: 0,
        onError: (error) => errors.push(error.message),
      });
      publisher.publish(record(ROUTE_EVENTS_TOPIC, 0));
      publisher.publish({
        topic: ROUTE_EVENTS_TOPIC,
        key: 'poison',
        value: Buffer.alloc(ROUTE_LIMIT * 3, 0x61),
      });
      for (let n = 1; n <= 20; n += 1) publisher.publish(record(ROUTE_EVENTS_TOPIC, n));

      const { countByKey } = await readTopic(client(broker.adminSecurity), ROUTE_EVENTS_TOPIC, 21, 45_000);
      expect(countByKey.has('poison')).toBe(false);
      const p = publisher;
      await eventually(
        () => p.stats().deadLetterFileRecords === 1,
        20_000,
        'the dead letter in the local file',
      );
      await eventually(() => p.stats().spooledRecords === 0, 20_000, 'an empty spool');
      const lines = readFileSync(join(spool.dir, DEAD_LETTER_FILE), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('TOPIC_AUTHORIZATION_FAILED');
      expect(lines[0]!.length).toBeLessThan(ROUTE_LIMIT);
      expect(errors.join('\n')).toContain(
        `Kafka denied this principal access to the topic (${DEAD_LETTER_TOPIC}): an ACL must allow it`,
      );
    } finally {
      await publisher?.close({ timeoutMs: 2_000 });
      await spool.remove();
    }
  });

  it('keeps retrying an event the principal may not write, says why, and never files it away', async () => {
    const spool = await tempSpoolDir();
    const errors: string[] = [];
    let publisher: EventPublisher | undefined;
    try {
      publisher = await startedPublisher(client(security(GATEWAY)), {
        spoolDir: spool.dir,
        topics: [ROUTE_EVENTS_TOPIC, PACK_EVENTS_TOPIC],
        backoff: { initialMs: 50, maxMs: 200 },
        errorLogIntervalMs: 0,
        onError: (error) => errors.push(error.message),
      });
      publisher.publish(record(PACK_EVENTS_TOPIC, 1));
      const denied = `Kafka denied this principal access to the topic (${PACK_EVENTS_TOPIC})`;
      await eventually(
        () => errors.filter((e) => e.includes(denied)).length >= 3,
        30_000,
        'three denied attempts',
      );
      const stats = publisher.stats();
      expect(stats.spooledRecords).toBe(1);
      expect(stats.deadLettered).toBe(0);
      expect(stats.deadLetterFileRecords).toBe(0);
      expect(existsSync(join(spool.dir, DEAD_LETTER_FILE))).toBe(false);
    } finally {
      await publisher?.close({ timeoutMs: 2_000 });
      await spool.remove();
    }
  });
});
