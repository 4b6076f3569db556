import { describe, expect, it } from 'vitest';
import { describeKafkaError } from './kafka.errors.js';

const protocol = (type: string): Error => Object.assign(new Error(type.toLowerCase()), { type });
const wrapped = (inner: Error): Error =>
  Object.assign(new Error('Number of retries exceeded'), {
    name: 'KafkaJSNumberOfRetriesExceeded',
    originalError: inner,
  });

describe('describeKafkaError', () => {
  it('names the settings of a refused login, through kafkajs retry wrappers', () => {
    const sasl = Object.assign(new Error('SASL SCRAM SHA512 authentication failed'), {
      name: 'KafkaJSSASLAuthenticationError',
    });
    expect(describeKafkaError(wrapped(sasl))).toMatch(
      /^Kafka refused the SASL login: check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
  });

  it.each([
    ['TOPIC_AUTHORIZATION_FAILED', 'Kafka denied this principal access to the topic (kt.pack-events.v1)'],
    ['GROUP_AUTHORIZATION_FAILED', 'Kafka denied this principal its consumer group (kt.pack-events.v1)'],
    ['CLUSTER_AUTHORIZATION_FAILED', 'Kafka denied this principal a cluster operation (kt.pack-events.v1)'],
  ])('says an ACL is missing for %s', (type, message) => {
    expect(describeKafkaError(wrapped(protocol(type)), 'kt.pack-events.v1')).toContain(message);
  });

  it('hints at SASL/TLS when the broker closes the connection, and passes other errors through', () => {
    const closed = Object.assign(new Error('Closed connection'), { name: 'KafkaJSConnectionClosedError' });
    expect(describeKafkaError(closed)).toContain(
      'if it requires SASL or TLS, set KAFKA_SASL_* and KAFKA_TLS',
    );
    expect(describeKafkaError(new Error('boom'))).toBe('boom');
    expect(describeKafkaError('text')).toBe('text');
  });
});
