import { describe, expect, it } from 'vitest';
import { brokerSettings } from './kafka.config.js';
import { assertScramUsers, saslBrokerSettings, scramFormatArgs } from './kafka.sasl.js';

const sasl = {
  admin: { username: 'admin', password: 'admin-pw' },
  users: [{ username: 'gateway', password: 'gw-pw' }],
};

describe('a SASL listener for the local broker', () => {
  const settings = brokerSettings({
    port: 19092,
    controllerPort: 19093,
    logDir: '/d',
    overrides: saslBrokerSettings(19092, 19093, sasl),
  });

  it.each([
    ['listeners', 'SASL_PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093'],
    ['advertised.listeners', 'SASL_PLAINTEXT://localhost:19092'],
    ['inter.broker.listener.name', 'SASL_PLAINTEXT'],
    ['sasl.enabled.mechanisms', 'SCRAM-SHA-256,SCRAM-SHA-512'],
    ['authorizer.class.name', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'],
    ['super.users', 'User:admin;User:ANONYMOUS'],
    ['allow.everyone.if.no.acl.found', 'false'],
  ])('sets %s to %s', (key, value) => {
    expect(settings[key]).toBe(value);
  });

  it('logs the broker in as the admin for both mechanisms', () => {
    for (const mechanism of ['scram-sha-256', 'scram-sha-512'])
      expect(settings[`listener.name.sasl_plaintext.${mechanism}.sasl.jaas.config`]).toContain(
        'username="admin" password="admin-pw";',
      );
  });

  it('creates both SCRAM credentials of every user when the storage is formatted', () => {
    expect(scramFormatArgs(sasl)).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=admin,password=admin-pw]',
      '--add-scram',
      'SCRAM-SHA-512=[name=admin,password=admin-pw]',
      '--add-scram',
      'SCRAM-SHA-256=[name=gateway,password=gw-pw]',
      '--add-scram',
      'SCRAM-SHA-512=[name=gateway,password=gw-pw]',
    ]);
  });

  it('refuses a password that would break the JAAS or --add-scram syntax, without printing it', () => {
    expect(() => assertScramUsers({ admin: { username: 'admin', password: 'a",b]' } })).toThrow(
      /^the SCRAM password of admin may use letters, digits and \. _ ~ - only$/,
    );
  });
});
