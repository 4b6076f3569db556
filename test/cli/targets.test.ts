import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulators } from '../../apps/provider-sim/src/simulator.js';
import { chatBody, GATEWAY_KEY, GatewayUnderTest, requestId, startSims } from '../gateway/gateway.fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kt(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('KT_TOKEN' in env)) delete full['KT_TOKEN'];
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/kt.js', ...args],
      { cwd: root, env: full, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('kt targets', () => {
  let sims: Simulators;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    sims = await startSims();
    gateway = await GatewayUnderTest.start(sims);
    // One served request, so a latency figure shows.
    const answer = await gateway.post('/v1/chat/completions', chatBody(), requestId('cli-targets'));
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await sims?.stop();
  });

  it('prints a table of every target of the seed pack (URL from KT_GATEWAY_URL, key from KT_TOKEN)', async () => {
    const run = await kt({ KT_GATEWAY_URL: gateway.url, KT_TOKEN: GATEWAY_KEY }, 'targets');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('pack multi-provider-core@1.0.0 · latency over 60 s');
    expect(lines[1]).toMatch(
      /^TARGET\s+PROVIDER\s+MODEL\s+HEALTH\s+BREAKER\s+P50 MS\s+P95 MS\s+IN FLIGHT\s+BUDGET$/,
    );
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual([
      'openai-main',
      'azure-secondary',
      'anthropic-last-resort',
    ]);
    expect(lines[2]).toMatch(
      // The budget column reflects whatever budgets other suites left on the shared broker.
      /^openai-main\s+openai\s+gpt-5\.4-mini\s+unprobed\s+closed\s+\d+\s+\d+\s+0\s+(none|ok|warning|exhausted)$/,
    );
  });

  it('prints the gateway answer with --json (key from --key, URL from --url)', async () => {
    const run = await kt({}, 'targets', '--json', '--url', gateway.url, '--key', GATEWAY_KEY);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as {
      targets: { id: string; breaker: { state: string }; budget: string }[];
    };
    expect(body.targets.map((t) => t.id)).toEqual([
      'openai-main',
      'azure-secondary',
      'anthropic-last-resort',
    ]);
    expect(body.targets[0]).toMatchObject({ breaker: { state: 'closed' } });
    expect(['none', 'ok', 'warning', 'exhausted']).toContain(body.targets[0]!.budget);
  });

  it.each([
    ['exits 2 without a gateway key', {}, [], 2, /needs a gateway key/],
    ['exits 1 when the gateway refuses the key', { KT_TOKEN: 'wrong' }, [], 1, /answered 401/],
    [
      'exits 1 when the gateway is unreachable',
      { KT_TOKEN: GATEWAY_KEY },
      ['--url', 'http://127.0.0.1:9'],
      1,
      /cannot reach/,
    ],
  ])('%s', async (_name, env, args, code, message) => {
    const run = await kt({ KT_GATEWAY_URL: gateway.url, ...env }, 'targets', ...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
