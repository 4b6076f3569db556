import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface CommandResult {
  readonly code: number | null;
  /** The last lines of stdout and stderr, interleaved, for error messages. */
  readonly tail: readonly string[];
}

export interface RunOptions {
  readonly cwd?: string;
  readonly onLine?: (line: string) => void;
  readonly tailLines?: number;
}

/** Runs a program to completion, line by line; rejects only when it cannot be started at all. */
export function runCommand(
  command: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const keep = opts.tailLines ?? 40;
    const onLine = (line: string): void => {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      opts.onLine?.(line);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, tail }));
  });
}

/** Rejects with a readable message when `command` is not installed. */
export function describeSpawnError(error: unknown, command: string, hint: string): Error {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT')
    return new Error(`${command} was not found on PATH: ${hint}`);
  return error instanceof Error ? error : new Error(String(error));
}
