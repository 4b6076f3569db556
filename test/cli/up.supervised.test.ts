import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants, isAlive, portIsClosed } from '../support/process-tree.js';
import { SEED_OPENAI_BUDGET } from '../support/seed.commands.js';

// Ports below Linux's ephemeral range (32768–60999) and apart from kt-up.test.ts, which may run at
// the same time.
const ports = { gateway: 31102, reporting: 31103, ledger: 31104, prober: 31105 };
const KAFKA_PORT = 29192;
const POSTGRES_PORT = 31459;
const SIM_PORT = 31110;

/** The environment of a running process (Linux /proc), as kt up gave it. */
function environOf(pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

/** Local addresses listening on `port` (from /proc/net/tcp{,6}), e.g. `127.0.0.1`. */
function listenAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [hex, portHex] = local.split(':');
      if (Number.parseInt(portHex!, 16) !== port) continue;
      found.push(
        hex!.length === 8
          ? hex!
              .match(/../g)!
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : hex === '00000000000000000000000000000000'
            ? '::'
            : hex === '0000000000000000FFFF00000100007F'
              ? '::ffff:127.0.0.1'
              : hex!,
      );
    }
  }
  return found;
}

describe('kt up keeps its state in the data dir, supervises its parts and wires a credential per role', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kt-up-supervised-'));
  const configDir = mkdtempSync(join(tmpdir(), 'kt-up-config-'));
  const workDir = mkdtempSync(join(tmpdir(), 'kt-up-work-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KT_CONFIG_DIR: configDir,
    GATEWAY_PORT: String(ports.gateway),
    REPORTING_PORT: String(ports.reporting),
    LEDGER_PORT: String(ports.ledger),
    PROBER_PORT: String(ports.prober),
  };
  // kt up must start its own broker and database and choose every credential itself.
  for (const name of [
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'OPENAI_API_KEY',
    'AZURE_OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'LEDGER_TOKENS',
    'REPORTING_TOKENS',
    'KT_LEDGER_SERVICE_TOKEN',
    'KT_LEDGER_URL',
    'KT_LEDGER_TOKEN',
    'KT_REPORTING_URL',
    'KT_TOKEN',
    'KT_SPOOL_DIR',
    'KT_LISTEN_HOST',
    'XDG_CONFIG_HOME',
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
      String(KAFKA_PORT),
      '--postgres-port',
      String(POSTGRES_PORT),
      '--simulator-port',
      String(SIM_PORT),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await Promise.race([exited, sleep(60_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  const waitFor = async (text: string | RegExp, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    const seen = (): boolean => (typeof text === 'string' ? output.includes(text) : text.test(output));
    while (!seen()) {
      if (child.exitCode !== null) throw new Error(`kt up exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`no "${String(text)}" in time:\n${output}`);
      await sleep(250);
    }
  };
  const pids = (): Record<string, number> =>
    (JSON.parse(readFileSync(join(dataDir, 'up.json'), 'utf8')) as { pids: Record<string, number> }).pids;
  const kt = (...args: string[]) =>
    spawnSync(process.execPath, [join(process.cwd(), 'bin/kt.js'), ...args], {
      cwd: workDir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('starts with every piece of state under --data-dir and every listener on loopback', async () => {
    await waitFor('kt is up', 240_000);
    expect(output).toContain('status: all 7 parts running');
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'kafka', 'data', 'meta.properties'))).toBe(true);
    expect(existsSync(join(tmpdir(), `kt-pg-${POSTGRES_PORT}`))).toBe(false);

    const running = pids();
    expect(environOf(running.gateway!).KT_SPOOL_DIR).toBe(join(dataDir, 'spool', 'gateway'));
    expect(environOf(running.prober!).PROBER_SPOOL_DIR).toBe(join(dataDir, 'spool', 'prober'));
    expect(environOf(running.gateway!).KT_PACK_VERIFY_KEY_FILE).toBe(
      join(dataDir, 'keys', 'pack-verify.pem'),
    );
    expect(environOf(running.reporting!).KT_PACK_SIGNING_KEY_FILE).toBe(
      join(dataDir, 'keys', 'pack-signing.pem'),
    );
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);

    for (const port of [...Object.values(ports), SIM_PORT, SIM_PORT + 9]) {
      expect(listenAddresses(port), `port ${port}`).toEqual(['127.0.0.1']);
    }
  }, 300_000);

  it('gives each role its own credential: the demo gateway key is no admin token anywhere', async () => {
    const running = pids();
    const ledgerTokens = environOf(running.ledger!).LEDGER_TOKENS!;
    const gatewayToken = environOf(running.gateway!).KT_LEDGER_SERVICE_TOKEN!;
    expect(gatewayToken).toMatch(/^kt-gw-[\w-]{32}$/);
    expect(ledgerTokens).toBe(
      `admin:ops:kt-admin-demo,finance:finance:kt-finance-demo,gateway:gateway:${gatewayToken}`,
    );
    expect(environOf(running.reporting!).REPORTING_TOKENS).toBe(
      'finance:finance:kt-finance-demo,admin:ops:kt-admin-demo',
    );
    expect(output).toContain('tokens kt-finance-demo (finance), kt-admin-demo (admin)');

    const reporting = `http://127.0.0.1:${ports.reporting}/v1/packs`;
    const asDemoKey = await fetch(reporting, { headers: { authorization: 'Bearer kt-demo-key' } });
    expect(asDemoKey.status).toBe(401);
    const asAdmin = await fetch(reporting, { headers: { authorization: 'Bearer kt-admin-demo' } });
    expect(asAdmin.status).toBe(200);

    const budgets = `http://127.0.0.1:${ports.ledger}/v1/budgets`;
    const anonymous = await fetch(budgets, { method: 'POST' });
    // The ledger's own checks land separately; once it authenticates, the demo key must be refused.
    if (anonymous.status === 401) {
      const asDemo = await fetch(budgets, {
        method: 'POST',
        headers: { authorization: 'Bearer kt-demo-key', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(asDemo.status).toBe(401);
    }
  });

  it('writes the CLI profile, so the quick start commands run with no token exported', () => {
    const profile = join(configDir, 'profile.json');
    expect(output).toContain(profile);
    expect(statSync(profile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(profile, 'utf8'))).toMatchObject({
      ledger_url: `http://127.0.0.1:${ports.ledger}`,
      ledger_token: 'kt-admin-demo',
      reporting_url: `http://127.0.0.1:${ports.reporting}`,
      reporting_token: 'kt-admin-demo',
    });

    const create = kt(...SEED_OPENAI_BUDGET);
    expect(create.status, create.stderr + create.stdout).toBe(0);
    const exported = kt(
      'events',
      'export',
      '--since',
      '30d',
      '--format',
      'csv',
      '--output',
      'provider-mix.csv',
    );
    expect(exported.status, exported.stderr + exported.stdout).toBe(0);
    expect(existsSync(join(workDir, 'provider-mix.csv'))).toBe(true);
  }, 120_000);

  it('reports a ledger killed with SIGKILL at once, restarts it, and the ledger is ready again', async () => {
    const before = pids().ledger!;
    process.kill(before, 'SIGKILL');
    await waitFor(`✖ ledger (pid ${before}) died: killed by SIGKILL`, 10_000);
    expect(output).toContain(`log: ${join(dataDir, 'logs', 'ledger.log')}`);
    expect(output).toMatch(/status: degraded \(ledger restarting\)/);
    await waitFor(/✔ ledger restarted \(pid \d+\) and ready/, 120_000);
    const after = pids().ledger!;
    expect(after).not.toBe(before);
    const ready = await fetch(`http://127.0.0.1:${ports.ledger}/readyz`);
    expect(ready.status).toBe(200);
    expect(output.slice(output.lastIndexOf('✔ ledger restarted'))).toContain('status: all 7 parts running');
  }, 180_000);

  it('stops everything it started on Ctrl-C, restarted parts included', async () => {
    const started = descendants(child.pid!);
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('kt stopped');
    await sleep(500);
    expect(started.filter(isAlive)).toEqual([]);
    for (const port of [...Object.values(ports), KAFKA_PORT, POSTGRES_PORT, SIM_PORT]) {
      expect(await portIsClosed(port), `port ${port} still open`).toBe(true);
    }
  }, 120_000);
});

describe('kt up with a half-present data dir', () => {
  it('refuses PostgreSQL data without the Kafka log it checkpointed, before starting anything', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kt-up-half-'));
    mkdirSync(join(dataDir, 'postgres'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres', 'PG_VERSION'), '17\n');
    const env: NodeJS.ProcessEnv = { ...process.env, KT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'kt-cfg-')) };
    delete env.KAFKA_BROKERS;
    delete env.DATABASE_URL;
    const run = spawnSync(
      process.execPath,
      ['bin/kt.js', 'up', '--data-dir', dataDir, '--kafka-port', '29292', '--postgres-port', '31559'],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the data dir ${dataDir} holds PostgreSQL's data but no Kafka data`);
    expect(existsSync(join(dataDir, 'kafka'))).toBe(false);
  }, 90_000);
});
