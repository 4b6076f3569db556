import { describe, expect, it } from 'vitest';
import { startServer } from './server.process.js';

const node = (script: string) => ({
  name: 'child',
  command: process.execPath,
  args: ['-e', script],
  cwd: process.cwd(),
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startServer', () => {
  it('hands over the ready line and stops the process on SIGTERM', async () => {
    const child = await startServer(
      node(
        "console.log('booting'); console.log(JSON.stringify({ ready: true, port: 1 })); setInterval(() => {}, 1000);",
      ),
    );
    const line = await child.waitForLine((l) => l.includes('"ready":true'), 10_000);
    expect(JSON.parse(line)).toEqual({ ready: true, port: 1 });
    await child.stop();
    expect(child.hasExited()).toBe(true);
    expect(alive(child.pid)).toBe(false);
  });

  it('kills a process that ignores SIGTERM once the grace time is over', async () => {
    const child = await startServer(
      node("process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);"),
    );
    await child.waitForLine((l) => l === 'up', 10_000);
    await child.stop(300);
    expect(alive(child.pid)).toBe(false);
  });

  it('fails the wait with the output when the process dies before it is ready', async () => {
    const child = await startServer(node("console.error('port 8787 in use'); process.exit(3);"));
    await expect(child.waitForLine((l) => l.includes('ready'), 10_000)).rejects.toThrow(
      /child exited; its output:\nport 8787 in use/,
    );
  });

  it('fails the wait when the ready line does not come in time', async () => {
    const child = await startServer(node("console.log('still starting'); setInterval(() => {}, 1000);"));
    // Node's own start-up can take longer than the 200 ms under load: time only the missing line.
    await child.waitForLine((l) => l.includes('still starting'), 30_000);
    await expect(child.waitForLine((l) => l.includes('ready'), 200)).rejects.toThrow(
      /child not ready in 200 ms; its output:\nstill starting/,
    );
    await child.stop();
  });
});
