import type { Kafka } from 'kafkajs';
import { kafkaOf, type BusClient } from './bus.client.js';

/**
 * A topic's id (the UUID Kafka gives a topic when it is created, new for a recreated topic), from a
 * Metadata request of version 10 or later. kafkajs only speaks Metadata up to version 6, which has
 * no ids, so this sends the request itself over a connection of the client's own cluster (same TLS
 * and SASL as every other request) and decodes the little of the answer it needs.
 */
const METADATA_API_KEY = 3;
const MIN_VERSION = 10;
const MAX_VERSION = 12;
const ZERO_ID = '00000000-0000-0000-0000-000000000000';
const UNKNOWN_TOPIC_OR_PARTITION = 3;

/** The topic's id, or undefined when the broker is too old to have topic ids (before Kafka 2.8). */
export async function topicId(kafka: BusClient, topic: string): Promise<string | undefined> {
  const cluster = privateCluster(kafkaOf(kafka));
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const broker = await cluster.findControllerBroker();
    const supported = broker.versions?.[METADATA_API_KEY]?.maxVersion ?? 0;
    if (supported < MIN_VERSION) return undefined;
    const version = Math.min(supported, MAX_VERSION);
    const connection = await broker.connectionPool.getConnection();
    const body = encodeTopicIdRequest(topic, version);
    const answer = (await connection.send({
      request: {
        apiKey: METADATA_API_KEY,
        apiVersion: version,
        apiName: 'Metadata',
        // kafkajs' request writer only needs the encoded bytes of the body.
        encode: () => Promise.resolve({ buf: body, buffer: body }),
      },
      response: {
        decode: (payload: Buffer) => Promise.resolve(decodeTopicIdResponse(payload, topic)),
        parse: (x: unknown) => Promise.resolve(x),
      },
    })) as TopicIdAnswer;
    if (answer.errorCode === UNKNOWN_TOPIC_OR_PARTITION) throw new Error(`topic ${topic} does not exist`);
    if (answer.errorCode !== 0) throw new Error(`metadata of ${topic}: Kafka error code ${answer.errorCode}`);
    return answer.id === ZERO_ID ? undefined : answer.id;
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

export interface TopicIdAnswer {
  readonly errorCode: number;
  readonly id: string;
}

/** Metadata request v10–12 for one topic, preceded by the request header v2's empty tagged fields. */
export function encodeTopicIdRequest(topic: string, version: number): Buffer {
  const name = Buffer.from(topic, 'utf8');
  const parts = [
    Buffer.from([0]), // request header v2: no tagged fields (kafkajs wrote the v1 part)
    uvarint(2), // one topic (compact array: length + 1)
    Buffer.alloc(16), // topic_id: unknown, we ask by name
    uvarint(name.length + 1),
    name,
    Buffer.from([0]), // the topic's tagged fields
    Buffer.from([0]), // allow_auto_topic_creation = false
  ];
  if (version === 10) parts.push(Buffer.from([0])); // include_cluster_authorized_operations (v8–10)
  parts.push(Buffer.from([0]), Buffer.from([0])); // include_topic_authorized_operations, tagged fields
  return Buffer.concat(parts);
}

/** Reads the response header v1 and the Metadata body up to the first topic's id. */
export function decodeTopicIdResponse(payload: Buffer, topic: string): TopicIdAnswer {
  const r = new Reader(payload);
  r.taggedFields();
  r.int32(); // throttle_time_ms
  for (let brokers = r.uvarint() - 1; brokers > 0; brokers--) {
    r.int32(); // node_id
    r.compactString(); // host
    r.int32(); // port
    r.compactString(); // rack
    r.taggedFields();
  }
  r.compactString(); // cluster_id
  r.int32(); // controller_id
  const topics = r.uvarint() - 1;
  if (topics < 1) throw new Error(`metadata of ${topic}: no topic in the answer`);
  const errorCode = r.int16();
  r.compactString(); // name
  return { errorCode, id: r.uuid() };
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}

  int16(): number {
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }

  int32(): number {
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }

  uvarint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.buf.readUInt8(this.at++);
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  }

  skip(bytes: number): void {
    if (this.at + bytes > this.buf.length) throw new RangeError('metadata answer truncated');
    this.at += bytes;
  }

  /** Compact (nullable) string: length + 1, 0 for null. */
  compactString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    const start = this.at;
    this.skip(n - 1);
    return this.buf.toString('utf8', start, this.at);
  }

  uuid(): string {
    const start = this.at;
    this.skip(16);
    const hex = this.buf.toString('hex', start, this.at);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  taggedFields(): void {
    for (let n = this.uvarint(); n > 0; n--) {
      this.uvarint(); // tag
      this.skip(this.uvarint());
    }
  }
}

/** The parts of kafkajs' (unexported) cluster and broker this file relies on. */
interface PrivateCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findControllerBroker(): Promise<{
    readonly versions?: Record<number, { readonly maxVersion: number } | undefined>;
    readonly connectionPool: {
      getConnection(): Promise<{ send(request: unknown): Promise<unknown> }>;
    };
  }>;
}

function privateCluster(kafka: Kafka): PrivateCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  const create = symbol === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[symbol];
  if (typeof create !== 'function') throw new Error('this kafkajs version does not expose its cluster');
  return (create as (opts: object) => PrivateCluster)({ allowAutoTopicCreation: false });
}
