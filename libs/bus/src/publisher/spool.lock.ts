import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SpoolLock {
  release(): Promise<void>;
}

// Two publishers on one spool would name segments alike and delete each other's files.
const openInThisProcess = new Set<string>();

/**
 * Takes the spool directory for this process: a `spool.lock` file holding our pid. A lock whose
 * process is gone, or that holds our own pid (a container restarts as pid 1 again), is taken over.
 */
export async function lockSpoolDir(dir: string): Promise<SpoolLock> {
  if (openInThisProcess.has(dir)) throw new Error(`spool dir ${dir} is already open in this process`);
  const file = join(dir, 'spool.lock');
  if (!(await tryLock(file))) {
    throw new Error(`spool dir ${dir} is in use by process ${await readPid(file)} (${file})`);
  }
  openInThisProcess.add(dir);
  return {
    release: async () => {
      openInThisProcess.delete(dir);
      await rm(file, { force: true });
    },
  };
}

async function tryLock(file: string, takeOver = true): Promise<boolean> {
  try {
    await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = await readPid(file);
  if (!takeOver || (owner !== undefined && owner !== process.pid && isAlive(owner))) return false;
  await rm(file, { force: true });
  return tryLock(file, false);
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
