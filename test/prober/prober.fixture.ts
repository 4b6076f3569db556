import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, ensureTopics, startBatchConsumer, type BatchConsumer } from '@kt/bus';
import { topicConfigs, type DecodeResult } from '@kt/contracts';
import { freePort } from '@kt/local-infra';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';

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
    readonly url: string,
    readonly packPath: string,
    private readonly child: ChildProcess,
    readonly logs: string[],
  ) {}

  static async start(sims: Simulators, options: ProberOptions): Promise<ProberUnderTest> {
    const dir = mkdtempSync(join(tmpdir(), 'kt-prober-test-'));
    const packPath = join(dir, 'pack.yaml');
    writeFileSync(packPath, options.pack);
    const port = await freePort(44000 + Math.floor(Math.random() * 1000));
    const child = spawn(process.execPath, ['bin/kt-service.js', 'prober'], {
      env: {
        PATH: process.env.PATH,
        PROBER_PORT: String(port),
        KAFKA_BROKERS: kafkaBrokers(),
        KT_PACK: packPath,
        PROBER_SPOOL_DIR: join(dir, 'spool'),
        KT_INSTANCE_ID: options.instanceId,
        KT_PROBER_GROUP: options.group,
        OPENAI_API_KEY: sims.keys.openai,
        OPENAI_BASE_URL: `${sims.urls.openai}/v1`,
        AZURE_OPENAI_API_KEY: sims.keys.azure,
        AZURE_OPENAI_ENDPOINT: sims.urls.azure,
        ANTHROPIC_API_KEY: sims.keys.anthropic,
        ANTHROPIC_BASE_URL: sims.urls.anthropic,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    child.stdout?.on('data', (b: Buffer) => logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
    const prober = new ProberUnderTest(`http://127.0.0.1:${port}`, packPath, child, logs);
    await prober.waitReady();
    return prober;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`prober exited:\n${this.logs.join('')}`);
      const ok = await fetch(`${this.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`prober not ready:\n${this.logs.join('')}`);
  }

  /** SIGTERM; a prober still running 15 s later is a failure. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    clearTimeout(timer);
    if (signal === 'SIGKILL')
      throw new Error(`the prober did not stop on SIGTERM:\n${this.logs.join('').slice(-3000)}`);
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
