import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RestartPolicy } from './restart.policy.js';
import { Supervisor, type PartHandle, type SupervisedPart } from './supervisor.js';

const fast: RestartPolicy = { baseDelayMs: 20, maxDelayMs: 100, stableAfterMs: 60_000, maxQuickFailures: 3 };

/** A real process that lives until killed, or exits by itself after `exitAfterMs`. */
function sleeper(name: string, exitAfterMs?: number): SupervisedPart & { starts: number[] } {
  const starts: number[] = [];
  return {
    name,
    logFile: `/logs/${name}.log`,
    starts,
    start: async (): Promise<PartHandle> => {
      const code =
        exitAfterMs === undefined
          ? 'setInterval(() => {}, 1000)'
          : `setTimeout(() => process.exit(3), ${exitAfterMs})`;
      const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
      starts.push(child.pid!);
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once('exit', (c, s) => resolve({ code: c, signal: s })),
      );
      return {
        pid: child.pid!,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    },
  };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('kt up supervision', () => {
  it('reports a killed part at once, restarts it and says when all parts run again', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), fast);
    const ledger = sleeper('ledger');
    await supervisor.add(sleeper('kafka'));
    await supervisor.add(ledger);
    expect(supervisor.status()).toBe('status: all 2 parts running');

    process.kill(ledger.starts[0]!, 'SIGKILL');
    await until(() => ledger.starts.length === 2 && supervisor.status().includes('all 2'));
    const report = lines.join('\n');
    expect(report).toContain(`✖ ledger (pid ${ledger.starts[0]}) died: killed by SIGKILL`);
    expect(report).toContain('log: /logs/ledger.log');
    expect(report).toContain('status: degraded (ledger restarting); 1 of 2 parts running');
    expect(report).toContain(`✔ ledger restarted (pid ${ledger.starts[1]})`);
    expect(supervisor.pids().ledger).toBe(ledger.starts[1]);
    await supervisor.stopAll();
  });

  it('gives up after repeated quick failures and keeps saying the part is degraded', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), fast);
    const flaky = sleeper('prober', 10);
    await supervisor.add(flaky);
    await until(() => supervisor.status().includes('gave up'));
    expect(flaky.starts).toHaveLength(1 + fast.maxQuickFailures);
    expect(lines.join('\n')).toContain('died: exit code 3');
    expect(lines.join('\n')).toContain('prober: gave up after 3 quick failures in a row');
    expect(supervisor.status()).toBe('status: degraded (prober gave up); 0 of 1 parts running');
    await supervisor.stopAll();
  });

  it('stops every part without restarting it', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), fast);
    const parts = [sleeper('a'), sleeper('b')];
    for (const part of parts) await supervisor.add(part);
    await supervisor.stopAll();
    await sleep(100);
    expect(parts.map((p) => p.starts.length)).toEqual([1, 1]);
    expect(lines.filter((l) => l.startsWith('stopping'))).toEqual(['stopping b', 'stopping a']);
    expect(lines.join('\n')).not.toContain('died');
  });
});
