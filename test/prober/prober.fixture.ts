import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, ensureTopics, startBatchConsumer, type BatchConsumer } from '@kt/bus';
import { topicConfigs, type DecodeResult } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';
import { ServiceProcess, simulatorEnv } from '../support/service.process.js';

export interface ProberOptions {
  readonly pack: string;
  /** Unique per test: samples are told apart by it. */
  readonly instanceId: string;
  /** Unique per test file, so probers of concurrent files do not split each other's targets. */
  readonly group: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** A real prober process (`bin/kt-service.js prober`) in front of real simulators. */
export class ProberUnderTest {
  private constructor(
    readonly packPath: string,
    private readonly service: ServiceProcess,
  ) {}

  static async start(sims: Simulators, options: ProberOptions): Promise<ProberUnderTest> {
    const dir = mkdtempSync(join(tmpdir(), 'kt-prober-test-'));
    const packPath = join(dir, 'pack.yaml');
    writeFileSync(packPath, options.pack);
    const port = await listenPort();
    const service = await ServiceProcess.start('prober', port, {
      PATH: process.env.PATH,
      PROBER_PORT: String(port),
      KAFKA_BROKERS: kafkaBrokers(),
      KT_PACK: packPath,
      PROBER_SPOOL_DIR: join(dir, 'spool'),
      KT_INSTANCE_ID: options.instanceId,
      KT_PROBER_GROUP: options.group,
      ...simulatorEnv(sims),
      ...options.env,
    });
    return new ProberUnderTest(packPath, service);
  }

  get url(): string {
    return this.service.url;
  }

  get logs(): string[] {
    return this.service.logs;
  }

  stop(): Promise<void> {
    return this.service.stop();
  }
}

export interface Received<T> {
  readonly value: T;
  readonly atMs: number;
}

/** Every decodable record of one topic that `keep` accepts, with the time it was read. */
export class TopicLog<T> {
  private consumer: BatchConsumer | undefined;
  readonly records: Received<T>[] = [];

  private constructor(
    private readonly decode: (value: Buffer | null) => DecodeResult<T>,
    private readonly keep: (value: T) => boolean,
  ) {}

  static async start<T>(
    topic: string,
    decode: (value: Buffer | null) => DecodeResult<T>,
    keep: (value: T) => boolean,
  ): Promise<TopicLog<T>> {
    const log = new TopicLog(decode, keep);
    const kafka = createKafka({ clientId: 'kt-test-prober-log', brokers: kafkaBrokers() });
    await ensureTopics(kafka, topicConfigs());
    log.consumer = await startBatchConsumer(kafka, {
      groupId: `kt-test-prober-log-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      topics: [topic],
      fromBeginning: true,
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = log.decode(message.value);
          if (decoded.ok && log.keep(decoded.value))
            log.records.push({ value: decoded.value, atMs: Date.now() });
          resolveOffset(message.offset);
        }
      },
    });
    return log;
  }

  /** Records read since `sinceMs` that match. */
  since(sinceMs: number, match: (value: T) => boolean = () => true): T[] {
    return this.records.filter((r) => r.atMs >= sinceMs && match(r.value)).map((r) => r.value);
  }

  /** Waits for a record read after `sinceMs` that matches; returns it with the time it was read. */
  async waitFor(match: (value: T) => boolean, sinceMs = 0, timeoutMs = 15_000): Promise<Received<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.find((r) => r.atMs >= sinceMs && match(r.value));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching record within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

/** A tag that makes target ids, instance ids and groups of one test unique on a shared broker. */
export function testTag(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}
