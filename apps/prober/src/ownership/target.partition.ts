// Which partition of `kt.probe-samples.v1` a target's samples land in: the same murmur2 hash and
// positive-modulo the Kafka default partitioner (Java and kafkajs) applies to record keys.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of the key's UTF-8 bytes, as a signed 32-bit integer. */
export function murmur2(key: string): number {
  const data = Buffer.from(key, 'utf8');
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The last one to three bytes, highest first (Java's switch falls through the same way).
  const rest = length % 4;
  if (rest >= 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) {
    h ^= data[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition a record keyed `targetId` goes to in a topic of `partitions` partitions. */
export function partitionOf(targetId: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions: expected an integer >= 1, got ${partitions}`);
  }
  return (murmur2(targetId) & 0x7fffffff) % partitions;
}
