/** A SCRAM user of the local broker. */
export interface ScramUser {
  readonly username: string;
  readonly password: string;
}

/** A `SASL_PLAINTEXT` listener with SCRAM and ACLs, as Strimzi and managed Kafka run it, for tests. */
export interface KafkaSaslSettings {
  /** The super user: the broker's own inter-broker login, and the principal that creates topics and ACLs. */
  readonly admin: ScramUser;
  /** Further principals (`User:<username>`), with no permission until an ACL grants one. */
  readonly users?: readonly ScramUser[];
}

// The values go into a JAAS string and `kafka-storage --add-scram [name=…,password=…]` unquoted.
const SAFE = /^[A-Za-z0-9._~-]{1,128}$/;

export function assertScramUsers(sasl: KafkaSaslSettings): void {
  for (const user of [sasl.admin, ...(sasl.users ?? [])]) {
    if (!SAFE.test(user.username))
      throw new Error('a SCRAM username may use letters, digits and . _ ~ - only');
    if (!SAFE.test(user.password))
      throw new Error(`the SCRAM password of ${user.username} may use letters, digits and . _ ~ - only`);
  }
}

export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

/**
 * Broker settings for one SASL_PLAINTEXT client listener. The controller listener stays PLAINTEXT
 * on localhost: in a combined KRaft node the broker registers with its controller as ANONYMOUS,
 * so that principal must be a super user too (it is reachable only through the controller port).
 */
export function saslBrokerSettings(
  port: number,
  controllerPort: number,
  sasl: KafkaSaslSettings,
): Readonly<Record<string, string>> {
  const { username, password } = sasl.admin;
  // Each enabled mechanism needs its own login entry; the broker logs in as the admin (inter-broker).
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
  return {
    listeners: `SASL_PLAINTEXT://localhost:${port},CONTROLLER://localhost:${controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://localhost:${port}`,
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': SCRAM_MECHANISMS.join(','),
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config': jaas,
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': jaas,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${username};User:ANONYMOUS`,
    'allow.everyone.if.no.acl.found': 'false',
  };
}

/** `kafka-storage format` arguments that create every user's SCRAM credentials (both mechanisms) in the metadata log. */
export function scramFormatArgs(sasl: KafkaSaslSettings): string[] {
  return [sasl.admin, ...(sasl.users ?? [])].flatMap((user) =>
    SCRAM_MECHANISMS.flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${user.username},password=${user.password}]`,
    ]),
  );
}
