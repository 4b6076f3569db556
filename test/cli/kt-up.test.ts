import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants, isAlive, portIsClosed } from '../support/process-tree.js';

// Fixed ports below Linux's ephemeral range (32768–60999): inside it, a socket some parallel test
// opened (a client connection, a server on port 0) can hold the port kt up is about to bind.
const ports = { gateway: 31002, reporting: 31003, ledger: 31004, prober: 31005 };

describe('kt up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kt-up-test-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // kt up writes the CLI profile: never into the real home.
    KT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'kt-up-config-')),
    GATEWAY_PORT: String(ports.gateway),
    REPORTING_PORT: String(ports.reporting),
    LEDGER_PORT: String(ports.ledger),
    PROBER_PORT: String(ports.prober),
  };
  // kt up must start its own broker and database, as on a newcomer's machine.
  for (const name of [
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'OPENAI_API_KEY',
    'AZURE_OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'LEDGER_TOKENS',
    'REPORTING_TOKENS',
  ]) {
    delete env[name];
  }
  const child = spawn(
    process.execPath,
    [
      'bin/kt.js',
      'up',
      '--data-dir',
      dataDir,
      '--kafka-port',
      '29092',
      '--postgres-port',
      '31359',
      '--simulator-port',
      '31010',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('starts every part, reports the URLs and a sample request, and stops everything on Ctrl-C', async () => {
    const deadline = Date.now() + 240_000;
    while (!output.includes('kt is up')) {
      if (child.exitCode !== null) throw new Error(`kt up exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`kt up was not ready in time:\n${output}`);
      await sleep(250);
    }
    expect(output).toContain(`http://127.0.0.1:${ports.gateway}`);
    expect(output).toContain('kt-demo-key');
    expect(output).toContain('/v1/chat/completions');
    expect(output).toContain(`http://127.0.0.1:${ports.reporting}/dashboard`);
    expect(output).toContain('tokens kt-finance-demo (finance), kt-admin-demo (admin)');
    // The demo admin token works against reporting as printed.
    const packs = await fetch(`http://127.0.0.1:${ports.reporting}/v1/packs`, {
      headers: { authorization: 'Bearer kt-admin-demo' },
    });
    expect(packs.status).toBe(200);

    for (const port of Object.values(ports)) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(await metrics.text()).toContain('kt_process_cpu_seconds_total');
    }

    const state = JSON.parse(readFileSync(join(dataDir, 'up.json'), 'utf8')) as {
      pids: Record<string, number>;
    };
    const started = descendants(child.pid!);
    expect(Object.keys(state.pids)).toEqual(
      expect.arrayContaining(['kafka', 'provider-sim', 'ledger', 'prober', 'reporting', 'gateway']),
    );
    // Kafka's JVM, PostgreSQL's processes, the simulators and the four services.
    expect(started.length).toBeGreaterThanOrEqual(7);

    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('kt stopped');
    await sleep(500);
    expect(started.filter(isAlive)).toEqual([]);
    for (const port of [...Object.values(ports), 29092, 31359, 31010]) {
      expect(await portIsClosed(port), `port ${port} still open`).toBe(true);
    }
  }, 300_000);
});
