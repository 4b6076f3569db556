import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ensureKafkaDownloaded } from '@kt/local-infra';
import { writeProfile } from '../shared/cli.profile.js';
import type { CliSettings } from '../shared/cli.settings.js';
import { assertConsistent, createFolders, dataDirLayout, type DataDirLayout } from './data-dir.js';
import { ensureReportingLogin } from './reporting-login.js';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart.policy.js';
import {
  DEFAULT_API_KEYS,
  DEMO_ADMIN_TOKEN,
  LOOPBACK,
  SERVICES,
  serviceEnv,
  servicePort,
  vendorsToSimulate,
  type SuiteFiles,
} from './suite.plan.js';
import { kafkaPart, postgresPart, processPart } from './suite.parts.js';
import { Supervisor } from './supervisor.js';
import { loadOrCreateCredentials } from './up.credentials.js';

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
  readonly restartPolicy?: RestartPolicy;
  /** The CLI's environment: the services inherit it, and it decides where the profile goes. */
  readonly settings: CliSettings;
}

export interface RunningSuite {
  readonly urls: Readonly<Record<string, string>>;
  readonly env: NodeJS.ProcessEnv;
  readonly simulated: readonly string[];
  readonly layout: DataDirLayout;
  /** Where the CLI profile was written, and whether it holds the demo ledger and reporting tokens. */
  readonly profile: {
    readonly path: string;
    readonly ledgerToken: boolean;
    readonly reportingToken: boolean;
  };
  status(): string;
  stop(): Promise<void>;
}

/**
 * Starts Kafka, PostgreSQL, the simulators and the four services in dependency order, all state
 * under the data dir, every part supervised. Whatever has started is stopped again, in reverse
 * order, on failure or when `stop()` is called.
 */
export async function startSuite(opts: UpOptions): Promise<RunningSuite> {
  const layout = dataDirLayout(opts.dataDir);
  createFolders(layout);
  const files = new Map<string, WriteStream>();
  const onLine = (name: string, line: string): void => {
    let file = files.get(name);
    if (!file) files.set(name, (file = createWriteStream(join(layout.logs, `${name}.log`), { flags: 'a' })));
    file.write(`${line}\n`);
  };
  const urls: Record<string, string> = {};
  const supervisor = new Supervisor(opts.log, opts.restartPolicy ?? DEFAULT_RESTART_POLICY, (pids) =>
    writeFileSync(layout.state, JSON.stringify({ pid: process.pid, pids, urls }, null, 2)),
  );
  const step = async (label: string, run: () => Promise<void>): Promise<void> => {
    const began = Date.now();
    opts.log(`▸ ${label} …`);
    await run();
    opts.log(`  ${label}: ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  };
  const closeLogs = (): void => {
    for (const file of files.values()) file.end();
  };

  try {
    const credentials = loadOrCreateCredentials(layout);
    const suiteFiles: SuiteFiles = {
      gatewaySpool: layout.spool.gateway,
      proberSpool: layout.spool.prober,
      ...credentials,
    };
    const env: NodeJS.ProcessEnv = {
      ...opts.settings.inherited,
      KT_API_KEYS: opts.settings.inherited.KT_API_KEYS ?? DEFAULT_API_KEYS,
      KT_LISTEN_HOST: opts.settings.inherited.KT_LISTEN_HOST ?? LOOPBACK,
    };
    if (!env.KAFKA_BROKERS && !env.DATABASE_URL) assertConsistent(layout);
    if (!env.KAFKA_BROKERS) {
      await ensureKafkaDownloaded({ onProgress: (line: string) => opts.log(`  ${line}`) });
      const kafka = kafkaPart(layout, opts.kafkaPort, opts.settings.inherited.JAVA_HOME);
      await step('kafka', () => supervisor.add(kafka));
      env.KAFKA_BROKERS = kafka.brokers;
    }
    if (!env.DATABASE_URL) {
      const pg = postgresPart(layout, opts.postgresPort, onLine);
      await step('postgres', () => supervisor.add(pg));
      env.DATABASE_URL = pg.url();
    }
    const simulated = opts.simulators ? vendorsToSimulate(env) : [];
    if (simulated.length > 0) {
      const base = opts.simulatorBasePort;
      const host = env.KT_LISTEN_HOST ?? LOOPBACK;
      const simEnv = { ...env };
      await step('provider simulators', () =>
        supervisor.add(
          processPart({
            name: 'provider-sim',
            entry: 'apps/provider-sim/src/main.ts',
            args: [
              ...['--host', host, '--admin-host', host],
              ...['--openai-port', String(base), '--azure-port', String(base + 1)],
              ...['--anthropic-port', String(base + 2), '--admin-port', String(base + 9)],
            ],
            env: () => simEnv,
            root: opts.root,
            readyUrl: `http://127.0.0.1:${base + 9}/healthz`,
            readyTimeoutMs: opts.readyTimeoutMs,
            layout,
            onLine,
          }),
        ),
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
      const own = { ...env, ...serviceEnv(plan, env, suiteFiles), [plan.portEnv]: String(port) };
      urls[plan.name] = `http://127.0.0.1:${port}`;
      await step(plan.name, () =>
        supervisor.add(
          processPart({
            name: plan.name,
            entry: plan.entry,
            env: () => own,
            root: opts.root,
            readyUrl: `${urls[plan.name]}/readyz`,
            readyTimeoutMs: opts.readyTimeoutMs,
            layout,
            onLine,
          }),
        ),
      );
    }
    const profile = writeSuiteProfile(layout, urls, env, opts.settings);
    return {
      urls,
      env,
      simulated: simulated.map((v) => v.vendor),
      layout,
      profile,
      status: () => supervisor.status(),
      stop: async () => {
        await supervisor.stopAll();
        closeLogs();
      },
    };
  } catch (error) {
    await supervisor.stopAll();
    closeLogs();
    throw error;
  }
}

/**
 * Points the `kt` commands at this suite (`KT_CONFIG_DIR` / `XDG_CONFIG_HOME` decide where), so
 * `kt spend …` and `kt events …` work right after `kt up` with no token exported. The demo admin
 * token goes in only where kt up chose the tokens; an operator's own tokens are never written.
 */
function writeSuiteProfile(
  layout: DataDirLayout,
  urls: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  settings: CliSettings,
): RunningSuite['profile'] {
  const ledgerToken = settings.inherited.LEDGER_TOKENS === undefined;
  const reportingToken = settings.inherited.REPORTING_TOKENS === undefined;
  const path = writeProfile(
    {
      ledger_url: env.KT_LEDGER_URL,
      ...(ledgerToken ? { ledger_token: DEMO_ADMIN_TOKEN } : {}),
      reporting_url: urls.reporting,
      ...(reportingToken ? { reporting_token: DEMO_ADMIN_TOKEN } : {}),
      written_by: `kt up --data-dir ${layout.root}`,
    },
    settings,
  );
  return { path, ledgerToken, reportingToken };
}
