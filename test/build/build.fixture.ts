/**
 * The production build in a temporary folder, for tests that run what the image runs:
 *
 *   const build = await buildInto();                 // node scripts/build.mjs --out <tmp>
 *   spawn(process.execPath, [build.serviceEntry, 'gateway'], …);
 *   await build.remove();
 *
 * The folder gets a `node_modules` link to the repository's, as the image puts dist/ beside its own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Build {
  readonly dir: string;
  /** The build's one-line summary (`built N modules and M assets into … in T ms`). */
  readonly summary: string;
  /** `<dir>/bin/kt-service.js`. */
  readonly serviceEntry: string;
  remove(): Promise<void>;
}

export async function buildInto(): Promise<Build> {
  const dir = await mkdtemp(join(tmpdir(), 'kt-build-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--out', dir], {
      cwd: REPO_ROOT,
    });
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return {
      dir,
      summary: stdout.trim(),
      serviceEntry: join(dir, 'bin', 'kt-service.js'),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
