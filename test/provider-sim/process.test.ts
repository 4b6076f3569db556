import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  /** The parsed ready line, or {} when the process exited without one. */
  readonly ready: Record<string, unknown>;
  readonly stderr: () => string;
}

/** Starts `apps/provider-sim/src/main.ts` the way `kt up` does and waits for its ready line (or its exit). */
async function startProcess(args: readonly string[]): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', './bin/register.js', 'apps/provider-sim/src/main.ts', ...args],
    { cwd: ROOT, env: { ...process.env } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'close').then(() => ['{}'])])) as [
    string,
  ];
  return { child, ready: JSON.parse(line) as Record<string, unknown>, stderr: () => stderr };
}

describe('provider-sim process', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints one ready line with its URLs, serves, and exits 0 on SIGTERM', async () => {
    const started = await startProcess([
      '--openai-port',
      '0',
      '--azure-port',
      '0',
      '--anthropic-port',
      '0',
      '--admin-port',
      '0',
      '--openai-keys',
      'proc-key',
      '--reply-tokens',
      '2',
    ]);
    child = started.child;
    expect(started.ready).toMatchObject({
      ready: true,
      openai: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      azure: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      anthropic: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      admin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    const response = await fetch(`${String(started.ready['openai'])}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer proc-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(
      ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message
        .content,
    ).toBe('kt. kt.');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = (await exited) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('exits 1 naming the problem when a fault flag is invalid', async () => {
    const started = await startProcess([
      '--openai-port',
      '0',
      '--azure-port',
      '0',
      '--anthropic-port',
      '0',
      '--admin-port',
      '0',
      '--error-status',
      '529',
    ]);
    child = started.child;
    const code = child.exitCode ?? ((await once(child, 'exit')) as [number | null])[0];
    expect(code).toBe(1);
    expect(started.ready).toEqual({});
    expect(started.stderr()).toContain('errorStatus: 529 (overloaded) is Anthropic-only, not openai');
  });
});
