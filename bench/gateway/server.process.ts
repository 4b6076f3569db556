import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

export interface ServerSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  /** The first output line that `match` accepts (or a failure naming the last lines). */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** True once the process has ended. */
  hasExited(): boolean;
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves once the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<number>();
let exitHookInstalled = false;

/** Starts a server in its own process; its output is read continuously so the pipes never fill. */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  installExitHook();
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = await new Promise<number>((ok, fail) => {
    child.once('spawn', () => (child.pid ? ok(child.pid) : fail(new Error(`${spec.name} has no pid`))));
    child.once('error', fail);
  });
  live.add(pid);
  let exited = false;
  const gone = new Promise<void>((ok) =>
    child.once('exit', () => {
      exited = true;
      live.delete(pid);
      ok();
    }),
  );
  const recent: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const onLine = (line: string): void => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    for (const listener of listeners) listener(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const recentOutput = (): string => recent.join('\n');

  let stopping: Promise<void> | undefined;
  return {
    name: spec.name,
    pid,
    hasExited: () => exited,
    recentOutput,
    waitForLine: (match, timeoutMs) =>
      new Promise<string>((ok, fail) => {
        let settled = false;
        const done = (error?: Error, line?: string): void => {
          if (settled) return;
          settled = true;
          listeners.delete(listener);
          clearTimeout(timer);
          if (error) fail(error);
          else ok(line ?? '');
        };
        const listener = (line: string): void => {
          if (match(line)) done(undefined, line);
        };
        const timer = setTimeout(
          () => done(new Error(`${spec.name} not ready in ${timeoutMs} ms; its output:\n${recentOutput()}`)),
          timeoutMs,
        );
        listeners.add(listener);
        void gone.then(() => done(new Error(`${spec.name} exited; its output:\n${recentOutput()}`)));
      }),
    stop: (timeoutMs = 10_000) =>
      (stopping ??= (async () => {
        if (exited) return;
        child.kill('SIGTERM');
        const finished = await Promise.race([gone.then(() => true), delay(timeoutMs, false)]);
        if (!finished) {
          child.kill('SIGKILL');
          await gone;
        }
      })()),
  };
}

/** Last resort when the runner ends without stopping its servers: no child outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of live) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}
