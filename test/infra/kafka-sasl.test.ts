import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createKafka,
  createProducer,
  describeKafkaError,
  kafkaSecurityFromEnv,
  type BusClient,
  type KafkaSecurity,
} from '@kt/bus';
import { PACK_EVENTS_TOPIC, ROUTE_EVENTS_TOPIC } from '@kt/contracts';
import { claimPort, startKafka, type PortClaim, type RunningKafka } from '@kt/local-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  kafkaAdmin,
  rawKafka,
} from '../support/kafka.client.js';

const REPO = join(import.meta.dirname, '..', '..');
const run = randomUUID().slice(0, 8);
const ADMIN = { username: 'admin', password: `admin-${run}` };
const GATEWAY = { username: 'gateway', password: `gateway-${run}` };
const LEDGER = { username: 'ledger', password: `ledger-${run}` };
const GROUP = `kt-ledger-${run}`;

/** The way a service gets its credentials: from the KAFKA_SASL_* environment. */
const envSecurity = (
  user: { username: string; password: string },
  mechanism = 'scram-sha-512',
): KafkaSecurity =>
  kafkaSecurityFromEnv({
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: user.username,
    KAFKA_SASL_PASSWORD: user.password,
  });

async function refusal(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error('the broker accepted what it should have refused');
    },
    (error: unknown) => error,
  );
}

describe('a SASL_PLAINTEXT broker with SCRAM users and ACLs (as Strimzi runs it)', () => {
  let broker: RunningKafka;
  let claims: PortClaim[] = [];
  let dataDir: string;
  const client = (security: KafkaSecurity, retries = 2): BusClient =>
    createKafka({ clientId: `kt-sasl-test-${run}`, brokers: broker.brokers, security, retry: { retries } });

  beforeAll(async () => {
    claims = [await claimPort(19292)];
    claims.push(await claimPort(19293, [claims[0]!.port]));
    const [port, controllerPort] = claims.map((c) => c.port) as [number, number];
    dataDir = join(REPO, '.kt', 'test-kafka-sasl', String(port));
    broker = await startKafka({
      port,
      controllerPort,
      dataDir,
      fresh: true,
      heap: { min: '128m', max: '384m' },
      sasl: { admin: ADMIN, users: [GATEWAY, LEDGER] },
      javaHome: process.env.JAVA_HOME,
    });
    const admin = kafkaAdmin(client(broker.adminSecurity));
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [ROUTE_EVENTS_TOPIC, PACK_EVENTS_TOPIC].map((topic) => ({ topic, numPartitions: 1 })),
      });
      const allow = (principal: string, resourceType: number, resourceName: string, operation: number) => ({
        principal: `User:${principal}`,
        host: '*',
        resourceType,
        resourceName,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      });
      // As k8s/infra/strimzi grants: a gateway writes route events and only reads pack events.
      await admin.createAcls({
        acl: [
          allow('gateway', AclResourceTypes.TOPIC, ROUTE_EVENTS_TOPIC, AclOperationTypes.WRITE),
          allow('gateway', AclResourceTypes.TOPIC, PACK_EVENTS_TOPIC, AclOperationTypes.READ),
          allow('ledger', AclResourceTypes.TOPIC, ROUTE_EVENTS_TOPIC, AclOperationTypes.READ),
          allow('ledger', AclResourceTypes.GROUP, GROUP, AclOperationTypes.READ),
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

  it('lets a principal with credentials and ACLs produce, and another consume, over SCRAM-SHA-256 and -512', async () => {
    const producer = createProducer(client(envSecurity(GATEWAY, 'scram-sha-256')));
    await producer.connect();
    await producer.send(ROUTE_EVENTS_TOPIC, [{ key: run, value: `route-${run}` }]);
    await producer.disconnect();

    const consumer = rawKafka(client(envSecurity(LEDGER))).consumer({ groupId: GROUP });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [ROUTE_EVENTS_TOPIC], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
      const deadline = Date.now() + 30_000;
      while (!seen.includes(`route-${run}`)) {
        if (Date.now() > deadline)
          throw new Error(`the ledger principal never read the record: ${seen.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses a wrong password with an error that names the settings, not the password', async () => {
    const wrong = { ...GATEWAY, password: `not-the-password-${run}` };
    const error = await refusal(createProducer(client(envSecurity(wrong))).connect());
    const message = describeKafkaError(error);
    expect(message).toMatch(
      /^Kafka refused the SASL login: check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(message).not.toContain(wrong.password);
  });

  it('refuses a client without credentials', async () => {
    const producer = createProducer(client({}, 1), { retry: { retries: 1 } });
    const error = await refusal(producer.connect());
    expect(describeKafkaError(error)).toMatch(
      /if it requires SASL or TLS, set KAFKA_SASL_\* and KAFKA_TLS|SASL/,
    );
    await producer.disconnect().catch(() => undefined);
  });

  it('lets the gateway principal write route events but never pack events', async () => {
    const producer = createProducer(client(envSecurity(GATEWAY)), { retry: { retries: 1 } });
    await producer.connect();
    try {
      await producer.send(ROUTE_EVENTS_TOPIC, [{ key: run, value: 'allowed' }]);
      const error = await refusal(producer.send(PACK_EVENTS_TOPIC, [{ key: 'core', value: 'forged pack' }]));
      expect(describeKafkaError(error, PACK_EVENTS_TOPIC)).toBe(
        `Kafka denied this principal access to the topic (${PACK_EVENTS_TOPIC}): an ACL must allow it (TOPIC_AUTHORIZATION_FAILED)`,
      );
    } finally {
      await producer.disconnect();
    }
  });
});
