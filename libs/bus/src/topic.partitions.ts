import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaOf, type BusClient } from './bus.client.js';

export interface PartitionCountOptions {
  /** Attempts before giving up (default 5), 500 ms × attempt apart. */
  readonly attempts?: number;
  /** Checked between attempts: true stops retrying (a service shutting down). */
  readonly abandoned?: () => boolean;
}

/**
 * How many partitions `topic` has now (it may grow, so callers ask again when it matters). Retries a
 * broker that is briefly away; rejects with the last error once the attempts are spent.
 */
export async function partitionCount(
  client: BusClient,
  topic: string,
  opts: PartitionCountOptions = {},
): Promise<number> {
  const admin = kafkaOf(client).admin();
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.topics[0]?.partitions.length ?? 0;
    } catch (error) {
      if (attempt >= (opts.attempts ?? 5) || opts.abandoned?.()) throw error;
      await sleep(500 * attempt);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
