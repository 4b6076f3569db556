import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import type { MachineInfo } from './bench.model.js';

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cpuModel() ?? cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

/** The version of an installed package, read from its package.json. */
export function packageVersion(root: string, name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      readonly version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'not installed';
  }
}

/**
 * The commit measured, with `-dirty` when the work tree had changes. Read-only: no optional locks,
 * so it never competes with someone committing in the same checkout.
 */
export function sourceRevision(root: string): string {
  const git = (...args: string[]): string =>
    execFileSync('git', ['--no-optional-locks', ...args], { cwd: root, encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no').length > 0 ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** /proc/cpuinfo's "model name" is often longer than what os.cpus() reports. */
function cpuModel(): string | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
