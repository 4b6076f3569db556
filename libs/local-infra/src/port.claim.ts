import { rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './port.probe.js';
import { onProcessExit } from './process.exit-hook.js';
import { isAlive } from './process.stop.js';
import { readPid } from './stale.pidfile.js';

export interface PortClaim {
  readonly port: number;
  release(): Promise<void>;
}

/**
 * A free port that no other kt process on this machine has claimed. "Free now" is not enough when
 * two test runs start at once: both would pick the same port and share a data dir. The claim is a
 * machine-wide lock file holding our pid; a claim whose process is gone is taken over.
 */
export async function claimPort(preferred: number, avoid: readonly number[] = []): Promise<PortClaim> {
  const skip = [...avoid];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freePort(preferred, skip);
    const lockFile = join(tmpdir(), `kt-port-${port}.lock`);
    if (await tryLock(lockFile)) {
      const cancel = onProcessExit(() => rmSync(lockFile, { force: true }));
      return {
        port,
        release: async () => {
          cancel();
          await rm(lockFile, { force: true });
        },
      };
    }
    skip.push(port);
  }
  throw new Error(`could not claim a free port near ${preferred}`);
}

async function tryLock(lockFile: string, takeOver = true): Promise<boolean> {
  try {
    await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = readPid(lockFile);
  if (!takeOver || owner === process.pid || (owner !== undefined && isAlive(owner))) return false;
  await rm(lockFile, { force: true });
  return tryLock(lockFile, false);
}
