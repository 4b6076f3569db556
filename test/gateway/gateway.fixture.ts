import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, ensureTopics, startBatchConsumer, type BatchConsumer } from '@kt/bus';
import { decodeRouteEvent, ROUTE_EVENTS_TOPIC, topicConfigs, type RouteEvent } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { startSimulators, type Simulators } from '../../apps/provider-sim/src/simulator.js';
import { kafkaBrokers } from '../setup/infra.js';
import { ServiceProcess, simulatorEnv } from '../support/service.process.js';
import { testPackKeys } from '../support/pack.keys.js';

export const SEED_PACK = readFileSync(
  new URL('../../packs/multi-provider-core.yaml', import.meta.url),
  'utf8',
);
export const GATEWAY_KEY = 'kt-test-key';

export interface GatewayOptions {
  readonly pack?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly kafkaBrokers?: string;
  readonly spoolDir?: string;
}

/** A real gateway process (`bin/kt-service.js gateway`) in front of real simulators. */
export class GatewayUnderTest {
  private constructor(
    readonly sims: Simulators,
    private readonly service: ServiceProcess,
    readonly dir: string,
  ) {}

  static async start(sims: Simulators, options: GatewayOptions = {}): Promise<GatewayUnderTest> {
    const dir = mkdtempSync(join(tmpdir(), 'kt-gw-test-'));
    const packPath = join(dir, 'pack.yaml');
    writeFileSync(packPath, options.pack ?? SEED_PACK);
    const port = await listenPort();
    const service = await ServiceProcess.start('gateway', port, {
      PATH: process.env.PATH,
      GATEWAY_PORT: String(port),
      KAFKA_BROKERS: options.kafkaBrokers ?? kafkaBrokers(),
      KT_PACK: packPath,
      KT_API_KEYS: `${GATEWAY_KEY}:qa`,
      KT_SPOOL_DIR: options.spoolDir ?? join(dir, 'spool'),
      // Trusts packs on kt.pack-events.v1 signed by the tests' reporting key.
      KT_PACK_VERIFY_KEY_FILE: testPackKeys().verifyKeyFile,
      ...simulatorEnv(sims),
      ...options.env,
    });
    return new GatewayUnderTest(sims, service, dir);
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

  /** POST JSON with the test key; `requestId` (sent as `x-request-id`) makes the route event findable. */
  post(
    path: string,
    body: unknown,
    requestId: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${GATEWAY_KEY}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

/**
 * Every route event on the topic, read the way the ledger will read them, by kt's request id and by
 * the caller's (`client_request_id`, what tests send as `x-request-id`).
 */
export class RouteEventLog {
  private readonly byRequest = new Map<string, RouteEvent[]>();
  private readonly received: RouteEvent[] = [];
  private consumer: BatchConsumer | undefined;
  readonly malformed: string[] = [];

  static async start(brokers = kafkaBrokers()): Promise<RouteEventLog> {
    const log = new RouteEventLog();
    const kafka = createKafka({ clientId: 'kt-test-events', brokers });
    await ensureTopics(kafka, topicConfigs());
    log.consumer = await startBatchConsumer(kafka, {
      groupId: `kt-test-events-${process.pid}-${Date.now()}`,
      topics: [ROUTE_EVENTS_TOPIC],
      fromBeginning: true,
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodeRouteEvent(message.value);
          if (decoded.ok) {
            const event = decoded.value;
            log.received.push(event);
            for (const id of new Set([event.request_id, event.client_request_id])) {
              if (id === undefined) continue;
              const list = log.byRequest.get(id) ?? [];
              list.push(event);
              log.byRequest.set(id, list);
            }
          } else {
            log.malformed.push(decoded.reason);
          }
          resolveOffset(message.offset);
        }
      },
    });
    return log;
  }

  /** Every event decoded so far, in the order they arrived. */
  get all(): readonly RouteEvent[] {
    return this.received;
  }

  events(requestId: string): readonly RouteEvent[] {
    return this.byRequest.get(requestId) ?? [];
  }

  /** Waits until every id has at least one event; returns them all (the caller checks "exactly one"). */
  async waitFor(requestIds: readonly string[], timeoutMs = 20_000): Promise<RouteEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (requestIds.some((id) => !this.byRequest.has(id))) {
      if (Date.now() > deadline) {
        const missing = requestIds.filter((id) => !this.byRequest.has(id));
        throw new Error(
          `no route event for ${missing.length} request(s), e.g. ${missing.slice(0, 3).join(', ')}`,
        );
      }
      await sleep(100);
    }
    // A duplicate would arrive right behind the first; give it the chance to show up.
    await sleep(300);
    return requestIds.flatMap((id) => this.byRequest.get(id) ?? []);
  }

  /** The single event of a request (fails on none or several). */
  async one(requestId: string): Promise<RouteEvent> {
    const events = await this.waitFor([requestId]);
    if (events.length !== 1)
      throw new Error(`expected exactly one route event for ${requestId}, got ${events.length}`);
    return events[0]!;
  }

  /**
   * The events of `requestIds` that arrived by the time the event of a later request (`markerId`)
   * did, plus a grace period: proof of absence for requests that must leave no event.
   */
  async eventsBefore(markerId: string, requestIds: readonly string[]): Promise<RouteEvent[]> {
    await this.waitFor([markerId]);
    await sleep(1000);
    return requestIds.flatMap((id) => this.byRequest.get(id) ?? []);
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

export async function startSims(): Promise<Simulators> {
  return startSimulators({ ports: { openai: 0, azure: 0, anthropic: 0, admin: 0 } });
}

let counter = 0;
export function requestId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export const chatBody = (
  model = 'gpt-5.4-mini',
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  model,
  messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
  max_tokens: 16,
  ...extra,
});
