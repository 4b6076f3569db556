// The parts `kt up` supervises, each as something the supervisor can start again after a death.
import { join } from 'node:path';
import { isAlive, startKafka, startPostgres } from '@kt/local-infra';
import { ChildService } from './child.process.js';
import type { DataDirLayout } from './data-dir.js';
import type { ExitInfo, PartHandle, SupervisedPart } from './supervisor.js';

export type LineSink = (name: string, line: string) => void;

/** Kafka and PostgreSQL are not our direct children (their launchers spawn them): watch the pid. */
function watchPid(pid: number): Promise<ExitInfo> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(pid)) return;
      clearInterval(timer);
      resolve({ code: null, signal: null });
    }, 500);
    timer.unref();
  });
}

export function kafkaPart(
  layout: DataDirLayout,
  port: number,
  javaHome: string | undefined,
): SupervisedPart & { brokers: string } {
  return {
    name: 'kafka',
    brokers: `localhost:${port}`,
    logFile: join(layout.kafka, 'logs', 'server.log'),
    start: async (): Promise<PartHandle> => {
      const kafka = await startKafka({ port, controllerPort: port + 1, dataDir: layout.kafka, javaHome });
      return { pid: kafka.pid, exited: watchPid(kafka.pid), stop: () => kafka.stop() };
    },
  };
}

export function postgresPart(
  layout: DataDirLayout,
  port: number,
  onLine: LineSink,
): SupervisedPart & { url: () => string } {
  let url = '';
  return {
    name: 'postgres',
    logFile: join(layout.logs, 'postgres.log'),
    url: () => url,
    start: async (): Promise<PartHandle> => {
      const pg = await startPostgres({
        port,
        dataDir: layout.postgres,
        ownedRoot: layout.root,
        log: (line) => onLine('postgres', line),
      });
      url = pg.url;
      return { pid: pg.pid, exited: watchPid(pg.pid), stop: () => pg.stop() };
    },
  };
}

export interface ProcessPartSpec {
  readonly name: string;
  readonly entry: string;
  readonly args?: readonly string[];
  /** Read at every start, so a restart gets what the suite knows by then. */
  readonly env: () => NodeJS.ProcessEnv;
  readonly root: string;
  readonly readyUrl: string;
  readonly readyTimeoutMs: number;
  readonly layout: DataDirLayout;
  readonly onLine: LineSink;
}

/** A kt process (service or simulator): ready when `readyUrl` answers 200. */
export function processPart(spec: ProcessPartSpec): SupervisedPart {
  const logFile = join(spec.layout.logs, `${spec.name}.log`);
  return {
    name: spec.name,
    logFile,
    start: async (signal): Promise<PartHandle> => {
      const child = ChildService.start({
        name: spec.name,
        entry: spec.entry,
        args: spec.args,
        env: spec.env(),
        cwd: spec.root,
        onLine: spec.onLine,
      });
      try {
        await child.waitReady(spec.readyUrl, spec.readyTimeoutMs, signal);
      } catch (error) {
        await child.stop();
        throw new Error(`${String(error)} (log: ${logFile})`, { cause: error });
      }
      return { pid: child.pid, exited: child.exited, stop: () => child.stop() };
    },
  };
}
