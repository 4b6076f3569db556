import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { checkKafka, createKafka, type KafkaSecurity } from '@kt/bus';
import { describeSpawnError, runCommand } from './command.run.js';
import {
  DEFAULT_HEAP,
  brokerSettings,
  kafkaJvmArgs,
  log4jArg,
  log4jSettings,
  newClusterId,
  storageFormatArgs,
  toProperties,
} from './kafka.config.js';
import { ensureKafkaDownloaded } from './kafka.download.js';
import {
  assertScramUsers,
  saslBrokerSettings,
  scramFormatArgs,
  type KafkaSaslSettings,
} from './kafka.sasl.js';
import { STATE_DIR } from './infra.paths.js';
import { isPortFree } from './port.probe.js';
import { onProcessExit } from './process.exit-hook.js';
import { stopProcess } from './process.stop.js';
import { stopLeftover, writePid } from './stale.pidfile.js';

export interface StartKafkaOptions {
  readonly port?: number;
  readonly controllerPort?: number;
  /** Defaults to `.kt/kafka` in the repository. */
  readonly dataDir?: string;
  /** Delete the data dir first: no topics, no offsets. */
  readonly fresh?: boolean;
  /** Download progress and the broker's console output, line by line. */
  readonly log?: (line: string) => void;
  readonly heap?: { readonly min: string; readonly max: string };
  /** Extra or overriding broker settings (server.properties). */
  readonly properties?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
  /**
   * Serve clients on SASL_PLAINTEXT with SCRAM users and ACLs (StandardAuthorizer) instead of
   * PLAINTEXT. Users are created when the storage is formatted: use with `fresh` or a new data dir.
   */
  readonly sasl?: KafkaSaslSettings;
  /** The Java runtime to run (the caller's `JAVA_HOME`); unset, `java` from PATH. */
  readonly javaHome?: string;
}

export interface RunningKafka {
  /** `localhost:<port>`, the value for `KAFKA_BROKERS`. */
  readonly brokers: string;
  readonly pid: number;
  /** The broker's own log (log4j). */
  readonly logFile: string;
  /** How the super user connects (SCRAM-SHA-512) when started with `sasl`; empty otherwise. */
  readonly adminSecurity: KafkaSecurity;
  stop(): Promise<void>;
}

const JAVA_HINT =
  'a Java 17+ runtime is needed to run Kafka (Debian: apt-get install openjdk-17-jre-headless)';

/**
 * Runs a single-node KRaft Kafka (broker + controller in one JVM) from the jars fetched by
 * `ensureKafkaDownloaded`, and resolves once it answers clients.
 */
export async function startKafka(opts: StartKafkaOptions = {}): Promise<RunningKafka> {
  const port = opts.port ?? 9092;
  const controllerPort = opts.controllerPort ?? 9093;
  const dataDir = resolve(opts.dataDir ?? join(STATE_DIR, 'kafka'));
  const log = opts.log ?? (() => undefined);
  if (opts.sasl) assertScramUsers(opts.sasl);
  const adminSecurity: KafkaSecurity = opts.sasl
    ? { sasl: { mechanism: 'scram-sha-512', ...opts.sasl.admin } }
    : {};
  const { classpathDir } = await ensureKafkaDownloaded({ onProgress: log });

  const pidFile = join(dataDir, 'kafka.pid');
  const leftover = await stopLeftover(pidFile, dataDir, opts.stopTimeoutMs ?? 30_000);
  if (leftover) log(`stopped a Kafka (pid ${leftover}) left running on ${dataDir} by an earlier run`);
  await assertPortsFree(port, controllerPort);

  if (opts.fresh) await rm(dataDir, { recursive: true, force: true });
  const logDir = join(dataDir, 'data');
  const logsDir = join(dataDir, 'logs');
  await mkdir(logsDir, { recursive: true });
  const serverFile = join(dataDir, 'server.properties');
  const log4jFile = join(dataDir, 'log4j.properties');
  const logFile = join(logsDir, 'server.log');
  await writeFile(
    serverFile,
    toProperties(
      brokerSettings({
        port,
        controllerPort,
        logDir,
        overrides: {
          ...(opts.sasl ? saslBrokerSettings(port, controllerPort, opts.sasl) : {}),
          ...opts.properties,
        },
      }),
    ),
  );
  await writeFile(log4jFile, toProperties(log4jSettings(logFile)));

  const java = opts.javaHome ? join(opts.javaHome, 'bin', 'java') : 'java';
  const heap = opts.heap ?? { min: DEFAULT_HEAP.heapMin, max: DEFAULT_HEAP.heapMax };
  const jvm = kafkaJvmArgs({ heapMin: heap.min, heapMax: heap.max, log4jFile, logsDir });
  const classpath = join(classpathDir, '*'); // the JVM expands the wildcard itself

  if (!existsSync(join(logDir, 'meta.properties'))) {
    const scram = opts.sasl ? scramFormatArgs(opts.sasl) : [];
    await formatStorage(java, [log4jArg(log4jFile), '-cp', classpath], serverFile, logDir, scram);
  }

  const child = spawn(java, [...jvm, '-cp', classpath, 'kafka.Kafka', serverFile], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = await new Promise<number>((ok, fail) => {
    child.once('spawn', () => (child.pid ? ok(child.pid) : fail(new Error('java started without a pid'))));
    child.once('error', (error) => fail(describeSpawnError(error, java, JAVA_HINT)));
  });
  const recent: string[] = [];
  const onLine = (line: string): void => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    log(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  await writePid(pidFile, pid);
  // If this process ends without stop(), the broker still gets its SIGTERM and shuts down by itself.
  const cancelExitHook = onProcessExit(() => process.kill(pid, 'SIGTERM'));
  let exited = false;
  const reaped = new Promise<void>((ok) =>
    child.once('exit', () => {
      exited = true;
      ok();
    }),
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await stopProcess(pid, { signal: 'SIGTERM', timeoutMs: opts.stopTimeoutMs ?? 30_000 });
      // Gone is not yet reaped: wait for Node to collect the exit status, so no zombie remains.
      await Promise.race([reaped, delay(5_000, undefined, { ref: false })]);
      cancelExitHook();
      await rm(pidFile, { force: true });
    })());

  const brokers = `localhost:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000);
  const kafka = createKafka({
    clientId: 'kt-local-infra',
    brokers,
    retry: { retries: 0 },
    security: adminSecurity,
  });
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(
        `Kafka exited during start-up; last lines of ${logFile}:\n${lastLines(logFile, 30)}\n${recent.join('\n')}`,
      );
    }
    if (await checkKafka(kafka, 2_000)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Kafka did not accept clients on ${brokers} in time; last lines of ${logFile}:\n${lastLines(logFile, 30)}`,
      );
    }
    await delay(250);
  }
  return { brokers, pid, logFile, adminSecurity, stop };
}

/** Fails clearly when the ports are taken, naming a Kafka that is already running there. */
async function assertPortsFree(port: number, controllerPort: number): Promise<void> {
  if (!(await isPortFree(port))) {
    const isKafka = await checkKafka(
      createKafka({ clientId: 'kt-local-infra', brokers: `localhost:${port}`, retry: { retries: 0 } }),
      2_000,
    );
    throw new Error(
      isKafka
        ? `a Kafka broker is already running on localhost:${port}; use it (KAFKA_BROKERS=localhost:${port}) or stop it, or choose another port`
        : `port ${port} is in use by another program; choose another Kafka port`,
    );
  }
  if (!(await isPortFree(controllerPort)))
    throw new Error(`port ${controllerPort} (Kafka controller) is in use by another program`);
}

/** KRaft needs its metadata log formatted with a cluster id once, before the first start. */
async function formatStorage(
  java: string,
  jvm: readonly string[],
  serverFile: string,
  logDir: string,
  extra: readonly string[],
): Promise<void> {
  const args = [
    '-Xmx256m',
    ...jvm,
    'kafka.tools.StorageTool',
    ...storageFormatArgs(newClusterId(), serverFile),
    ...extra,
  ];
  const result = await runCommand(java, args).catch((error: unknown) => {
    throw describeSpawnError(error, java, JAVA_HINT);
  });
  if (result.code !== 0)
    throw new Error(`formatting Kafka storage in ${logDir} failed:\n${result.tail.join('\n')}`);
}

function lastLines(file: string, n: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log written)';
  }
}
