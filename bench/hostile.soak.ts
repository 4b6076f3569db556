// Hostile-input soak: the whole suite from `kt up`, then thousands of oversized, deeply nested,
// NUL-bearing, mis-typed, unauthenticated and forged requests (and ledger calls without credentials)
// mixed with ordinary traffic. Afterwards: no 5xx kt caused, every service ready, the ledger's lag back
// to 0 within 10 s, and `kt ledger verify` exits 0. Run by hand, never as a timed test:
//   npm run soak:hostile [-- --requests 10000 --concurrency 16 --quick --no-write]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { Pool } from 'undici';
import { machineInfo, sourceRevision } from './gateway/machine.info.js';
import {
  HOSTILE,
  ORDINARY,
  type Probe,
  type ProbeService,
  type SoakCredentials,
} from './soak/hostile.corpus.js';
import { writeSection } from './shared/doc.section.js';
import { SOAK_MARKERS, soakSection } from './soak/soak.report.js';
import { soakPlan } from './soak/soak.plan.js';
import { SoakTally, type Answer } from './soak/soak.tally.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const say = (line: string): void => void process.stdout.write(`[soak] ${line}\n`);
/** Bytes of each answer kept for the echo check; the rest is discarded unread. */
const EXCERPT_BYTES = 4096;
const LAG_LIMIT_MS = 10_000;

interface Options {
  requests: number;
  concurrency: number;
  hostileShare: number;
  seed: number;
  basePort: number;
  dataDir?: string;
  quick: boolean;
  write: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const int = (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${v}`);
    return n;
  };
  const program = new Command('soak:hostile')
    .addOption(new Option('--requests <n>', 'requests to send').default(10_000).argParser(int))
    .addOption(new Option('--concurrency <n>', 'requests in flight').default(16).argParser(int))
    .addOption(new Option('--hostile-share <f>', 'share of hostile probes').default(0.5).argParser(Number))
    .addOption(new Option('--seed <n>', 'plan seed').default(12).argParser(int))
    .addOption(
      new Option('--base-port <n>', 'ports of the suite: base+2 gateway … base+5 prober')
        .default(43000)
        .argParser(int),
    )
    .option('--data-dir <dir>', 'kt up data dir (default: a fresh one under .kt/)')
    .option('--quick', '1,000 requests, for a smoke run', false)
    .option('--no-write', 'do not write docs/reliability.md')
    .parse(['node', 'soak', ...argv]);
  const o = program.opts<Options>();
  return { ...o, requests: o.quick ? Math.min(o.requests, 1_000) : o.requests };
}

interface Suite {
  readonly child: ChildProcess;
  readonly urls: Record<ProbeService | 'prober', string>;
  readonly env: NodeJS.ProcessEnv;
  readonly kafkaPort: number;
}

async function startSuite(opts: Options, dataDir: string): Promise<Suite> {
  const base = opts.basePort;
  const kafkaPort = base + 92;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEWAY_PORT: String(base + 2),
    REPORTING_PORT: String(base + 3),
    LEDGER_PORT: String(base + 4),
    PROBER_PORT: String(base + 5),
    KT_CONFIG_DIR: join(dataDir, 'cli-config'),
  };
  for (const name of ['KAFKA_BROKERS', 'DATABASE_URL', 'KT_API_KEYS', 'REPORTING_TOKENS', 'LEDGER_TOKENS'])
    delete env[name];
  const args = ['bin/kt.js', 'up', '--data-dir', dataDir, '--kafka-port', String(kafkaPort)];
  args.push('--postgres-port', String(base + 432), '--simulator-port', String(base + 10));
  say(`starting the suite: node ${args.join(' ')}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const up = new Promise<void>((resolveUp, rejectUp) => {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n').filter((l) => l.trim() !== '')) say(`  up: ${line}`);
      if (output.includes('kt is up')) resolveUp();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rejectUp(new Error(`kt up exited with ${code} before it was up`)));
  });
  const timeout = sleep(300_000).then(() => {
    throw new Error('kt up was not up within 300 s');
  });
  await Promise.race([up, timeout]);
  const origin = (port: number): string => `http://127.0.0.1:${port}`;
  return {
    child,
    env,
    kafkaPort,
    urls: {
      gateway: origin(base + 2),
      reporting: origin(base + 3),
      ledger: origin(base + 4),
      prober: origin(base + 5),
    },
  };
}

async function stopSuite(suite: Suite): Promise<void> {
  if (suite.child.exitCode !== null) return;
  const exited = once(suite.child, 'exit');
  suite.child.kill('SIGINT');
  const timer = setTimeout(() => suite.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

async function send(pool: Pool, probe: Probe, credentials: SoakCredentials): Promise<Answer> {
  const req = probe.build(credentials);
  try {
    const res = await pool.request({
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: req.body,
      // A hostile probe gets a connection of its own, closed after it: a server may close a connection
      // it refused (413, 431), and that must not be charged to the ordinary request that reused it.
      reset: probe.kind !== 'ordinary',
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    let excerpt = '';
    for await (const chunk of res.body) {
      excerpt += (chunk as Buffer).toString('utf8');
      if (excerpt.length >= EXCERPT_BYTES) break;
    }
    if (excerpt.length >= EXCERPT_BYTES) res.body.destroy();
    return { status: res.statusCode, excerpt: excerpt.slice(0, EXCERPT_BYTES) };
  } catch (error) {
    return {
      status: 0,
      excerpt: '',
      error: `no answer: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Values of the suite's environment no answer may contain. */
function secretsOf(suite: Suite, credentials: SoakCredentials): string[] {
  return [
    `localhost:${suite.kafkaPort}`,
    `127.0.0.1:${suite.kafkaPort}`,
    'postgres://',
    'postgresql://',
    credentials.reportingAdmin,
    credentials.reportingFinance,
    'admin:ops:',
    'gateway:gateway:',
    'sim-openai-key',
    'sim-azure-key',
    'sim-anthropic-key',
  ];
}

async function readyServices(suite: Suite): Promise<{ ready: string[]; notReady: string[] }> {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const [name, url] of Object.entries(suite.urls)) {
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.ok)
      .catch(() => false);
    (ok ? ready : notReady).push(name);
  }
  return { ready, notReady };
}

/** Sum of the ledger's consumer lag series, or undefined when the scrape fails. */
async function ledgerLag(ledger: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${ledger}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    const lines = text.split('\n').filter((l) => l.startsWith('kt_ledger_consumer_lag_messages{'));
    if (lines.length === 0) return undefined;
    return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  } catch {
    return undefined;
  }
}

async function lagZeroAfter(ledger: string, since: number): Promise<number | undefined> {
  while (Date.now() - since <= LAG_LIMIT_MS) {
    if ((await ledgerLag(ledger)) === 0) return (Date.now() - since) / 1000;
    await sleep(250);
  }
  return undefined;
}

interface Verify {
  readonly exit: number;
  readonly summary: string;
  readonly deadLettered: number | undefined;
}

function verifyLedger(suite: Suite): Verify {
  const run = spawnSync(process.execPath, ['bin/kt.js', 'ledger', 'verify', '--json'], {
    cwd: ROOT,
    env: { ...suite.env, KT_LEDGER_URL: suite.urls.ledger },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const exit = run.status ?? 1;
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    return {
      exit,
      summary: `no JSON answer (${(run.stderr || run.stdout).trim().slice(0, 200)})`,
      deadLettered: undefined,
    };
  }
  const deadKey = Object.keys(answer).find((k) => k.includes('dead'));
  const dead = deadKey === undefined ? undefined : answer[deadKey];
  const summary = ['equal', 'events', 'rows', 'lag', 'difference_count']
    .filter((k) => k in answer)
    .map((k) => `${k} ${JSON.stringify(answer[k])}`)
    .join(', ');
  return { exit, summary, deadLettered: typeof dead === 'number' ? dead : undefined };
}

async function main(opts: Options): Promise<boolean> {
  const dataDir = resolve(ROOT, opts.dataDir ?? join('.kt', `soak-${Date.now()}`));
  mkdirSync(dataDir, { recursive: true });
  const credentials: SoakCredentials = {
    gatewayKey: process.env.KT_SOAK_GATEWAY_KEY ?? 'kt-demo-key',
    reportingAdmin: process.env.KT_SOAK_REPORTING_ADMIN ?? 'kt-admin-demo',
    reportingFinance: process.env.KT_SOAK_REPORTING_FINANCE ?? 'kt-finance-demo',
  };
  const suite = await startSuite(opts, dataDir);
  const pools = Object.fromEntries(
    Object.entries(suite.urls).map(([name, url]) => [name, new Pool(url, { connections: opts.concurrency })]),
  ) as Record<ProbeService, Pool>;
  try {
    const plan = soakPlan(ORDINARY, HOSTILE, {
      requests: opts.requests,
      hostileShare: opts.hostileShare,
      seed: opts.seed,
    });
    const tally = new SoakTally(secretsOf(suite, credentials));
    say(
      `sending ${plan.length} requests (${HOSTILE.length} hostile probes, ${ORDINARY.length} ordinary), ${opts.concurrency} in flight`,
    );
    const began = Date.now();
    let next = 0;
    let lastShown = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length) {
        const probe = plan[next++]!;
        tally.record(probe, await send(pools[probe.build(credentials).service], probe, credentials));
        const pct = Math.floor((tally.sent / plan.length) * 10);
        if (pct > lastShown) {
          lastShown = pct;
          say(
            `${tally.sent}/${plan.length} sent, ${tally.serverErrors} 5xx, ${tally.violationCount} violations`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const seconds = (Date.now() - began) / 1000;
    const ended = Date.now();
    const lagZeroAfterS = await lagZeroAfter(suite.urls.ledger, ended);
    const { ready, notReady } = await readyServices(suite);
    say(
      `ledger lag 0 after ${lagZeroAfterS ?? 'more than 10'} s; ready: ${ready.join(', ')}; not ready: ${notReady.join(', ') || 'none'}`,
    );
    const verify = verifyLedger(suite);
    say(
      `kt ledger verify: exit ${verify.exit}; ${verify.summary}; dead-lettered ${verify.deadLettered ?? '?'}`,
    );
    const passed =
      tally.serverErrors === 0 &&
      tally.violationCount === 0 &&
      notReady.length === 0 &&
      lagZeroAfterS !== undefined &&
      verify.exit === 0;
    for (const v of tally.violations)
      say(`violation: ${v.probe} → ${v.status}: ${v.why} ${v.excerpt.slice(0, 120)}`);
    const section = soakSection({
      command: `npm run soak:hostile${opts.quick ? ' -- --quick' : ''}`,
      revision: sourceRevision(ROOT),
      machine: describeMachine(),
      startedAt: new Date(began).toISOString(),
      seconds,
      concurrency: opts.concurrency,
      tally,
      ready,
      notReady,
      lagZeroAfterS,
      verifyExit: verify.exit,
      verifySummary: verify.summary,
      deadLettered: verify.deadLettered,
      passed,
    });
    process.stdout.write(`\n${section}\n`);
    if (opts.write) {
      const page = join(ROOT, 'docs', 'reliability.md');
      await writeSection(page, section, SOAK_MARKERS, '# Reliability\n');
      say(`written to ${page}`);
    }
    say(passed ? 'PASSED' : 'FAILED');
    return passed;
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
    say('stopping the suite …');
    await stopSuite(suite);
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function describeMachine(): string {
  const m = machineInfo();
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`;
}

main(parseOptions(process.argv.slice(2))).then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
