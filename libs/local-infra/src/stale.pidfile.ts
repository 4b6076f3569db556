import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { commandLine, isAlive, stopProcess } from './process.stop.js';

/**
 * Stops a process left running by an earlier run that died before stopping it. Only a pid read
 * from our own pid file whose command line still names our data dir is touched.
 */
export async function stopLeftover(
  pidFile: string,
  mustMention: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const pid = readPid(pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  if (!commandLine(pid)?.includes(mustMention)) return undefined;
  await stopProcess(pid, { timeoutMs });
  await rm(pidFile, { force: true });
  return pid;
}

/** The first line of a pid file (PostgreSQL's postmaster.pid has more lines after it). */
export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n', 1)[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function writePid(pidFile: string, pid: number): Promise<void> {
  await writeFile(pidFile, `${pid}\n`);
}
