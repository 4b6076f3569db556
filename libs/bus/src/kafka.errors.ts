/**
 * kafkajs reports a refused login or a missing ACL as a protocol code, often wrapped in a retry
 * error ("Number of retries exceeded"). This names what went wrong and which setting fixes it, so
 * a service's log says "Kafka denied … write to kt.pack-events.v1" instead of a retry count.
 */
export function describeKafkaError(error: unknown, topic?: string): string {
  const chain = causes(error);
  const on = topic === undefined ? '' : ` (${topic})`;
  for (const e of chain) {
    const type = (e as { type?: unknown }).type;
    if (e.name === 'KafkaJSSASLAuthenticationError' || type === 'SASL_AUTHENTICATION_FAILED')
      return `Kafka refused the SASL login${on}: check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (${e.message})`;
    if (type === 'UNSUPPORTED_SASL_MECHANISM' || type === 'ILLEGAL_SASL_STATE')
      return `Kafka does not accept this SASL mechanism${on}: check KAFKA_SASL_MECHANISM (${e.message})`;
    if (type === 'TOPIC_AUTHORIZATION_FAILED')
      return `Kafka denied this principal access to the topic${on}: an ACL must allow it (TOPIC_AUTHORIZATION_FAILED)`;
    if (type === 'GROUP_AUTHORIZATION_FAILED')
      return `Kafka denied this principal its consumer group${on}: an ACL must allow READ on the group (GROUP_AUTHORIZATION_FAILED)`;
    if (type === 'CLUSTER_AUTHORIZATION_FAILED' || type === 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED')
      return `Kafka denied this principal a cluster operation${on}: an ACL must allow it (${String(type)})`;
  }
  if (chain.some((e) => e.name === 'KafkaJSConnectionClosedError'))
    return `the broker closed the connection${on}; if it requires SASL or TLS, set KAFKA_SASL_* and KAFKA_TLS (${chain[0]?.message ?? 'closed'})`;
  return chain[0]?.message ?? String(error);
}

/** The error and what it wraps (`originalError` of kafkajs' retrier, `cause`), outermost first. */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  let e: unknown = error;
  while (e instanceof Error && chain.length < 8 && !chain.includes(e)) {
    chain.push(e);
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  return chain;
}
