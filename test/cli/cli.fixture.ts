// What the `kt` CLI tests share: the real binary, run to completion or kept running (tail).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The runner's environment without any KT_* variable, plus `env`. */
function ktEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const full: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(full)) if (name.startsWith('KT_')) delete full[name];
  return Object.assign(full, env);
}

/** `node bin/kt.js ARGS` to completion. */
export function kt(
  env: Readonly<Record<string, string>>,
  args: readonly string[],
  timeoutMs = 90_000,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/kt.js', ...args],
      { cwd: root, env: ktEnv(env), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        }),
    );
  });
}

/** A `kt` process left running (e.g. `kt events tail`), stopped with a signal as a user would. */
export class RunningKt {
  private out = '';
  private err = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (b: Buffer) => (this.out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (this.err += b.toString()));
  }

  static start(env: Readonly<Record<string, string>>, args: readonly string[]): RunningKt {
    return new RunningKt(
      spawn(process.execPath, ['bin/kt.js', ...args], {
        cwd: root,
        env: ktEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  get stdout(): string {
    return this.out;
  }

  async waitForOutput(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.out.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`kt exited ${this.child.exitCode}:\n${this.err}`);
      if (Date.now() > deadline)
        throw new Error(`no "${text}" from kt in ${timeoutMs} ms:\n${this.out}\n${this.err}`);
      await sleep(100);
    }
  }

  /** Sends `signal` and resolves with the exit code (null when killed by the signal itself). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = once(this.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    this.child.kill(signal);
    const [code] = await exited;
    return code;
  }
}
