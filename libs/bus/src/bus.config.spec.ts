import { describe, expect, it } from 'vitest';
import { CLIENT_RETRY, kafkaClientConfig, kafkaLogLevel, parseBrokers } from './bus.config.js';
import { logLevel } from './kafka.runtime.js';

describe('parseBrokers', () => {
  it.each([
    { input: undefined, expected: ['localhost:9092'] },
    { input: '', expected: ['localhost:9092'] },
    { input: 'localhost:19092', expected: ['localhost:19092'] },
    { input: ' a:1 , b.example:9092,', expected: ['a:1', 'b.example:9092'] },
    {
      input: ['kafka-0.kafka:9092', 'kafka-1.kafka:9092'],
      expected: ['kafka-0.kafka:9092', 'kafka-1.kafka:9092'],
    },
    { input: '[::1]:9092', expected: ['[::1]:9092'] },
  ])('reads $input as $expected', ({ input, expected }) => {
    expect(parseBrokers(input)).toEqual(expected);
  });

  it.each(['localhost', 'localhost:', 'http://localhost:9092', 'localhost:99999', 'a:1,b'])(
    'rejects %j and names the bad entry',
    (input) => {
      expect(() => parseBrokers(input)).toThrow(/KAFKA_BROKERS: expected host:port/);
    },
  );
});

describe('kafkaLogLevel', () => {
  it.each([
    { input: undefined, expected: logLevel.NOTHING },
    { input: '', expected: logLevel.NOTHING },
    { input: 'info', expected: logLevel.INFO },
    { input: 'DEBUG', expected: logLevel.DEBUG },
    { input: ' warn ', expected: logLevel.WARN },
    { input: 'error', expected: logLevel.ERROR },
  ])('maps KT_KAFKA_LOG=$input to level $expected', ({ input, expected }) => {
    expect(kafkaLogLevel(input)).toBe(expected);
  });

  it('rejects an unknown level with the accepted names', () => {
    expect(() => kafkaLogLevel('verbose')).toThrow(
      'KT_KAFKA_LOG: expected one of nothing, error, warn, info, debug',
    );
  });
});

describe('kafkaClientConfig', () => {
  it('takes brokers and log level from the given environment when no brokers are passed', () => {
    const config = kafkaClientConfig({ env: { KAFKA_BROKERS: 'k1:9092,k2:9092', KT_KAFKA_LOG: 'info' } });
    expect(config).toMatchObject({
      clientId: 'kt',
      brokers: ['k1:9092', 'k2:9092'],
      logLevel: logLevel.INFO,
    });
  });

  it('prefers explicit brokers and client id over the environment', () => {
    const config = kafkaClientConfig({
      clientId: 'kt-ledger',
      brokers: 'localhost:19092',
      env: { KAFKA_BROKERS: 'k1:9092' },
    });
    expect(config).toMatchObject({ clientId: 'kt-ledger', brokers: ['localhost:19092'] });
  });

  it('is quiet by default and bounds connection time and retries', () => {
    const config = kafkaClientConfig({ env: {} });
    expect(config.logLevel).toBe(logLevel.NOTHING);
    expect(config.connectionTimeout).toBeLessThanOrEqual(5_000);
    expect(config.retry).toEqual(CLIENT_RETRY);
  });

  it('merges a retry override into the shared retry settings', () => {
    expect(kafkaClientConfig({ env: {}, retry: { retries: 0 } }).retry).toEqual({
      ...CLIENT_RETRY,
      retries: 0,
    });
  });
});
