import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka, ensureTopics } from '@kt/bus';
import { listenPort } from '../support/listen.port.js';
import { kafkaBrokers } from '../setup/infra.js';
import { TEST_LEDGER_TOKENS } from '../support/service.credentials.js';

/** The whole ledger as it ships (`bin/kt-service.js ledger`), on its own database and consumer groups. */
export class LedgerProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly logs: string[],
  ) {}

  static async start(databaseUrl: string, port?: number): Promise<LedgerProcess> {
    const chosen = port ?? (await listenPort());
    const run = randomUUID().slice(0, 8);
    // The spend projection gets a private, empty route topic so it does not read other tests' traffic.
    const routeTopic = `kt-budgets-test-routes-${run}`;
    await ensureTopics(createKafka({ clientId: 'kt-budgets-test', brokers: kafkaBrokers() }), [
      { topic: routeTopic, numPartitions: 1, replicationFactor: 1 },
    ]);
    const child = spawn(process.execPath, ['bin/kt-service.js', 'ledger'], {
      env: {
        PATH: process.env.PATH,
        LEDGER_PORT: String(chosen),
        KAFKA_BROKERS: kafkaBrokers(),
        DATABASE_URL: databaseUrl,
        LEDGER_TOPIC: routeTopic,
        LEDGER_CONSUMER_GROUP: `kt-budgets-test-ledger-${run}`,
        KT_LEDGER_BUDGET_GROUP: `kt-budgets-test-budgets-${run}`,
        KT_LEDGER_BUDGET_RECHECK_MS: '500',
        LEDGER_TOKENS: TEST_LEDGER_TOKENS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    child.stdout?.on('data', (b: Buffer) => logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
    const ledger = new LedgerProcess(`http://127.0.0.1:${chosen}`, child, logs);
    await ledger.waitReady();
    return ledger;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`ledger exited:\n${this.logs.join('')}`);
      const ok = await fetch(`${this.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`ledger not ready:\n${this.logs.join('')}`);
  }
}
