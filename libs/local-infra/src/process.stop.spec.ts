import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { commandLine, isAlive, stopProcess } from './process.stop.js';

// Small real node processes: one that exits on SIGTERM, one that ignores it.
const children: ChildProcess[] = [];
function startNode(script: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  // Wait for the script's "ready" line so its signal handlers are in place.
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child.pid ?? -1));
    child.once('error', reject);
  });
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('stopProcess', () => {
  it('stops a process that honours SIGTERM without killing it', async () => {
    const pid = await startNode("console.log('ready'); setInterval(() => {}, 1000)");
    expect(isAlive(pid)).toBe(true);
    await expect(stopProcess(pid, { timeoutMs: 5_000 })).resolves.toBe('exited');
    expect(isAlive(pid)).toBe(false);
  });

  it('kills a process that ignores SIGTERM once the timeout has passed', async () => {
    const pid = await startNode(
      "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)",
    );
    const began = Date.now();
    await expect(stopProcess(pid, { timeoutMs: 300 })).resolves.toBe('killed');
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
    expect(isAlive(pid)).toBe(false);
  });

  it('uses the signal it is given', async () => {
    const pid = await startNode(
      "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)",
    );
    await expect(stopProcess(pid, { signal: 'SIGINT', timeoutMs: 5_000 })).resolves.toBe('exited');
  });

  it('reports a process that is already gone', async () => {
    const pid = await startNode("console.log('ready')");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(stopProcess(pid, { timeoutMs: 100 })).resolves.toBe('not-running');
  });
});

describe('isAlive', () => {
  it.each([0, -1, 1.5])('never treats %s as a process (kill would address a group or everything)', (pid) => {
    expect(isAlive(pid)).toBe(false);
  });

  it('sees this very process', () => {
    expect(isAlive(process.pid)).toBe(true);
  });
});

describe('commandLine', () => {
  it('reads the arguments of a running process', async () => {
    const pid = await startNode("console.log('ready'); setInterval(() => {}, 1000) // marker-42");
    expect(commandLine(pid)).toContain('marker-42');
  });
});
