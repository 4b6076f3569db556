import { readFileSync } from 'node:fs';

/** True while a process with this pid runs (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
  // kill(0 or negative) would address a whole process group, or every process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procState(pid) !== 'Z';
}

/** The state letter of /proc/<pid>/stat ("pid (comm) S …"); comm may hold spaces, so read after ')'. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2);
  } catch {
    return undefined;
  }
}

/** The command line of a running process (Linux /proc), or undefined when unknown. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `pid` is gone; false if it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

export interface StopOptions {
  /** The polite signal; SIGTERM unless the program prefers another (PostgreSQL: SIGINT = fast shutdown). */
  readonly signal?: NodeJS.Signals;
  /** How long the program may take to shut down before it is killed. */
  readonly timeoutMs: number;
}

export type StopOutcome = 'exited' | 'killed' | 'not-running';

/** Asks a process to stop, waits, and SIGKILLs it after the timeout. Resolves once it is gone. */
export async function stopProcess(pid: number, opts: StopOptions): Promise<StopOutcome> {
  if (!isAlive(pid)) return 'not-running';
  try {
    process.kill(pid, opts.signal ?? 'SIGTERM');
  } catch {
    return 'not-running';
  }
  if (await waitForExit(pid, opts.timeoutMs)) return 'exited';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'exited';
  }
  await waitForExit(pid, 5_000);
  return 'killed';
}
