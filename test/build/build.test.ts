import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenPort } from '../support/listen.port.js';
import { chatBody, GATEWAY_KEY, requestId, SEED_PACK } from '../gateway/gateway.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { simulatorEnv } from '../support/service.process.js';
import { buildInto, type Build } from './build.fixture.js';

/** A service started from the build with plain `node` (no --import loader), its output kept. */
class BuiltProcess {
  readonly logs: string[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (b: Buffer) => this.logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => this.logs.push(b.toString()));
  }

  static start(build: Build, args: readonly string[], env: NodeJS.ProcessEnv = {}): BuiltProcess {
    // cwd is the build folder: nothing may depend on running from the repository.
    return new BuiltProcess(
      spawn(process.execPath, [build.serviceEntry, ...args], {
        cwd: build.dir,
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  async until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`exited before ${what}:\n${this.logs.join('')}`);
      const found = await probe().catch(() => undefined);
      if (found !== undefined) return found;
      await sleep(100);
    }
    throw new Error(`no ${what} within ${timeoutMs} ms:\n${this.logs.join('')}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const ok = async (url: string): Promise<true | undefined> => ((await fetch(url)).ok ? true : undefined);
const walk = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

let build: Build;
const started: BuiltProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'kt-build-run-'));

beforeAll(async () => {
  build = await buildInto();
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  await build?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the production build', () => {
  it('compiles every app and library to JavaScript and says what it did in one line', () => {
    expect(build.summary).toMatch(/^built \d+ modules and \d+ assets into \S+ in \d+ ms$/);
    const files = walk(join(build.dir, 'apps')).concat(walk(join(build.dir, 'libs')));
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(files.some((file) => file.endsWith('.spec.js'))).toBe(false);
    for (const main of ['gateway', 'ledger', 'prober', 'reporting', 'provider-sim', 'cli']) {
      expect(existsSync(join(build.dir, 'apps', main, 'src/main.js')), main).toBe(true);
    }
    // `@kt/<lib>` became a relative path to the library's compiled index.
    const reportingMain = readFileSync(join(build.dir, 'apps/reporting/src/main.js'), 'utf8');
    expect(reportingMain).toContain('from "../../../libs/service/src/index.js"');
    expect(files.filter((file) => /from ["']@kt\//.test(readFileSync(file, 'utf8')))).toEqual([]);
    // The files the reporting dashboard reads at run time came along.
    for (const asset of ['public/dashboard.html', 'public/dashboard.css', 'public/dashboard.page.js']) {
      expect(existsSync(join(build.dir, 'apps/reporting/src/dashboard', asset)), asset).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(build.dir, 'package.json'), 'utf8'))).toMatchObject({
      type: 'module',
    });
    expect(readFileSync(build.serviceEntry, 'utf8')).not.toMatch(/register|\.ts\b/);
  });

  it('compiles the dashboard view model to a browser module the reporting service serves as is', async () => {
    const js = readFileSync(join(build.dir, 'apps/reporting/src/dashboard/dashboard.view-model.js'), 'utf8');
    expect(js).not.toMatch(/^import |\binterface\b|: bigint/m);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      microUsdToUsd(micro: string): string;
    };
    expect(module.microUsdToUsd('1234567')).toBe('1.234567');
  });

  it('keeps the kt-service command line: an unknown service is a usage error', async () => {
    const usage = BuiltProcess.start(build, ['nope']);
    const [code] = (await once(usage.child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(usage.logs.join('')).toContain('usage: kt-service <gateway|ledger|prober|reporting|provider-sim>');
  });

  it('runs the provider simulators and a gateway that routes a chat completion, with no compiler loaded', async () => {
    const sims = BuiltProcess.start(build, [
      'provider-sim',
      ...['--openai-port', '0', '--azure-port', '0', '--anthropic-port', '0', '--admin-port', '0'],
    ]);
    started.push(sims);
    const urls = await sims.until('ready line', async () => {
      const line = sims.logs
        .join('')
        .split('\n')
        .find((l) => l.startsWith('{"ready":true'));
      return line === undefined
        ? undefined
        : (JSON.parse(line) as Record<'openai' | 'azure' | 'anthropic' | 'admin', string>);
    });
    expect((await fetch(`${urls.admin}/healthz`)).status).toBe(200);

    const packPath = join(scratch, 'pack.yaml');
    writeFileSync(packPath, SEED_PACK);
    const port = await listenPort();
    const gateway = BuiltProcess.start(build, ['gateway'], {
      GATEWAY_PORT: String(port),
      KAFKA_BROKERS: kafkaBrokers(),
      KT_PACK: packPath,
      KT_API_KEYS: `${GATEWAY_KEY}:qa`,
      KT_SPOOL_DIR: join(scratch, 'spool'),
      ...simulatorEnv({
        keys: { openai: 'sim-openai-key', azure: 'sim-azure-key', anthropic: 'sim-anthropic-key' },
        urls,
      }),
    });
    started.push(gateway);
    const url = `http://127.0.0.1:${port}`;
    await gateway.until('/readyz 200', () => ok(`${url}/readyz`), 45_000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Nest's dependency injection works only if decorator metadata survived the build.
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${GATEWAY_KEY}`,
        'content-type': 'application/json',
        'x-request-id': requestId('build'),
      },
      body: JSON.stringify(chatBody()),
    });
    expect(res.status, gateway.logs.join('')).toBe(200);
    expect(((await res.json()) as { choices: unknown[] }).choices).toHaveLength(1);

    // No TypeScript loader: neither SWC's native binding nor the TypeScript compiler is in the process.
    const maps = readFileSync(`/proc/${gateway.child.pid}/maps`, 'utf8');
    expect(maps).not.toMatch(/swc/i);
    // It stops on SIGTERM as Kubernetes sends it (stop() escalates to SIGKILL after 15 s).
    await gateway.stop();
    expect(gateway.child.signalCode).not.toBe('SIGKILL');
  }, 120_000);
});
