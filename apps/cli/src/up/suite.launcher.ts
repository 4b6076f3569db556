import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ensureKafkaDownloaded, startKafka, startPostgres } from '@kt/local-infra';
import { ChildService } from './child.process.js';
import { ensureReportingLogin } from './reporting-login.js';
import { DEFAULT_API_KEYS, SERVICES, serviceEnv, servicePort, vendorsToSimulate } from './suite.plan.js';

export interface UpOptions {
  readonly root: string;
  readonly pack: string;
  readonly dataDir: string;
  readonly kafkaPort: number;
  readonly postgresPort: number;
  readonly simulatorBasePort: number;
  readonly simulators: boolean;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
}

export interface RunningSuite {
  readonly urls: Readonly<Record<string, string>>;
  readonly env: NodeJS.ProcessEnv;
  readonly simulated: readonly string[];
  stop(): Promise<void>;
}

type Stopper = { readonly name: string; readonly stop: () => Promise<void> };

/**
 * Starts Kafka, PostgreSQL, the simulators and the four services in dependency order. Whatever
 * has started is stopped again, in reverse order, on failure or when `stop()` is called.
 */
export async function startSuite(opts: UpOptions): Promise<RunningSuite> {
  const started: Stopper[] = [];
  const pids: Record<string, number> = {};
  const stopAll = async (): Promise<void> => {
    for (const s of started.splice(0).reverse()) {
      opts.log(`stopping ${s.name}`);
      await s
        .stop()
        .catch((error: unknown) => opts.log(`  ${s.name} did not stop cleanly: ${String(error)}`));
    }
  };
  const logs = join(opts.dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const files = new Map<string, WriteStream>();
  const onLine = (name: string, line: string): void => {
    let file = files.get(name);
    if (!file) files.set(name, (file = createWriteStream(join(logs, `${name}.log`), { flags: 'a' })));
    file.write(`${line}\n`);
  };
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const began = Date.now();
    opts.log(`▸ ${label} …`);
    const result = await run();
    opts.log(`  ${label}: ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return result;
  };

  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KT_API_KEYS: process.env.KT_API_KEYS ?? DEFAULT_API_KEYS,
    };
    if (!env.KAFKA_BROKERS) {
      await ensureKafkaDownloaded({ onProgress: (line: string) => opts.log(`  ${line}`) });
      const kafka = await step('kafka', () =>
        startKafka({
          port: opts.kafkaPort,
          controllerPort: opts.kafkaPort + 1,
          dataDir: join(opts.dataDir, 'kafka'),
        }),
      );
      started.push({ name: 'kafka', stop: () => kafka.stop() });
      pids.kafka = kafka.pid;
      env.KAFKA_BROKERS = kafka.brokers;
    }
    if (!env.DATABASE_URL) {
      const pg = await step('postgres', () => startPostgres({ port: opts.postgresPort }));
      started.push({ name: 'postgres', stop: () => pg.stop() });
      env.DATABASE_URL = pg.url;
    }
    const simulated = opts.simulators ? vendorsToSimulate(env) : [];
    const urls: Record<string, string> = {};
    if (simulated.length > 0) {
      const base = opts.simulatorBasePort;
      const sim = ChildService.start({
        name: 'provider-sim',
        entry: 'apps/provider-sim/src/main.ts',
        args: [
          '--openai-port',
          String(base),
          '--azure-port',
          String(base + 1),
          '--anthropic-port',
          String(base + 2),
          '--admin-port',
          String(base + 9),
        ],
        env,
        cwd: opts.root,
        onLine,
      });
      started.push({ name: 'provider-sim', stop: () => sim.stop() });
      pids['provider-sim'] = sim.pid;
      await step('provider simulators', () =>
        sim.waitReady(`http://127.0.0.1:${base + 9}/healthz`, opts.readyTimeoutMs),
      );
      const origins = { openai: base, azure: base + 1, anthropic: base + 2 } as const;
      for (const vendor of simulated) {
        const origin = `http://127.0.0.1:${origins[vendor.vendor]}`;
        env[vendor.keyEnv] = `sim-${vendor.vendor}-key`;
        env[vendor.urlEnv] = vendor.urlFor(origin);
        urls[`sim:${vendor.vendor}`] = origin;
      }
      urls['sim:admin'] = `http://127.0.0.1:${base + 9}`;
    }

    env.KT_PACK = resolve(opts.pack);
    // The ledger starts before the gateway, which asks it for budget headroom leases.
    env.KT_LEDGER_URL ??= `http://127.0.0.1:${servicePort(
      SERVICES.find((s) => s.name === 'ledger')!,
      env,
    )}`;
    for (const plan of SERVICES) {
      const port = servicePort(plan, env);
      // The ledger (started before) has run its migrations, so the read-only role exists by now.
      if (plan.name === 'reporting' && !env.KT_REPORTING_DATABASE_URL && env.DATABASE_URL) {
        env.KT_REPORTING_DATABASE_URL = await ensureReportingLogin(
          env.DATABASE_URL,
          randomBytes(18).toString('base64url'),
        );
      }
      const service = ChildService.start({
        name: plan.name,
        entry: plan.entry,
        env: { ...env, ...serviceEnv(plan, env), [plan.portEnv]: String(port) },
        cwd: opts.root,
        onLine,
      });
      started.push({ name: plan.name, stop: () => service.stop() });
      pids[plan.name] = service.pid;
      urls[plan.name] = `http://127.0.0.1:${port}`;
      await step(plan.name, () =>
        service.waitReady(`${urls[plan.name]}/readyz`, opts.readyTimeoutMs).catch((error: unknown) => {
          throw new Error(`${String(error)} (log: ${join(logs, `${plan.name}.log`)})`);
        }),
      );
    }
    writeFileSync(join(opts.dataDir, 'up.json'), JSON.stringify({ pid: process.pid, pids, urls }, null, 2));
    return {
      urls,
      env,
      simulated: simulated.map((v) => v.vendor),
      stop: async () => {
        await stopAll();
        for (const file of files.values()) file.end();
      },
    };
  } catch (error) {
    await stopAll();
    for (const file of files.values()) file.end();
    throw error;
  }
}
