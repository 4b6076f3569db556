import { kafkaOf, type BusClient } from './bus.client.js';

/**
 * True when a broker answers a metadata request within `timeoutMs`; the caller (readiness probe,
 * start-up wait loop) decides how often to ask. The admin's requests are not retried, but the
 * client's connection retry still applies: pass a client with `retry: { retries: 0 }` to fail fast.
 */
export async function checkKafka(kafka: BusClient, timeoutMs: number): Promise<boolean> {
  const admin = kafkaOf(kafka).admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const attempt = (async (): Promise<boolean> => {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  })().catch(() => false);
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
