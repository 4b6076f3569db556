// The `kt ledger …` command group: rebuild and verify the spend projection.
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import {
  ledgerToken,
  ledgerUrl,
  runRebuild,
  runVerify,
  type LedgerTarget,
  type RebuildProgress,
} from './ledger.client.js';
import { timeoutMs, verifySummary } from './verify.summary.js';

const percent = (p: RebuildProgress): string =>
  p.total > 0 ? `${Math.floor((100 * p.replayed) / p.total)}%` : '—';

const URL_HELP = 'ledger base URL (env KT_LEDGER_URL, profile ledger_url, default http://127.0.0.1:41004)';
const TOKEN_HELP = 'admin credential for the ledger (env KT_LEDGER_TOKEN, profile ledger_token)';

interface TargetOptions {
  readonly url?: string;
  readonly token?: string;
}

const target = (o: TargetOptions, env: CliEnv): LedgerTarget => {
  const token = ledgerToken(o.token, env);
  return { base: ledgerUrl(o.url, env), ...(token ? { token } : {}) };
};

export function registerLedgerCommands(program: Command, env: CliEnv): void {
  const ledger = program.command('ledger').description('the spend ledger (apps/ledger)');
  ledger
    .command('rebuild')
    .description(
      'replay the route-event topic from offset 0 into fresh tables and swap them in (also what resumes a projection stopped on a recreated topic); exit 0 done, 1 failed',
    )
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP)
    .action(async (options: TargetOptions) => {
      const code = await run(async () => {
        const end = await runRebuild(target(options, env), (p) => {
          process.stdout.write(
            `rebuild ${p.id}: ${p.phase} ${p.replayed}/${p.total} records (${percent(p)})\n`,
          );
        });
        if (end.state === 'done') {
          process.stdout.write(
            `rebuild ${end.id}: done, ${end.applied} events from ${end.replayed} records, dead-lettered: ${end.dead_lettered ?? 0}\n`,
          );
          return 0;
        }
        process.stderr.write(`rebuild ${end.id} failed: ${end.error ?? 'unknown error'}\n`);
        return 1;
      });
      process.exit(code);
    });
  ledger
    .command('verify')
    .description(
      'check that the ledger accounts for the whole log as of now: waits (bounded) until the projection reaches each partition end, recomputes spend from the topic and compares; exit 0 accounted, 1 lag, mismatch, differences, timeout or failure, 2 usage',
    )
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP)
    .option('--timeout <seconds>', 'give up after this long (1–3600)', '120')
    .option('--json', 'print the ledger’s whole answer as JSON on stdout (progress goes to stderr)')
    .action(async (options: TargetOptions & { timeout: string; json?: boolean }) => {
      const ms = timeoutMs(options.timeout);
      if (ms === undefined) {
        process.stderr.write('verify: --timeout must be a number of seconds from 1 to 3600\n');
        process.exit(2);
      }
      const code = await run(async () => {
        const progress = options.json ? process.stderr : process.stdout;
        progress.write(`verify: reading the log to its end as of now (timeout ${ms / 1000} s)…\n`);
        const answer = await runVerify(target(options, env), ms, (elapsed) => {
          progress.write(`verify: still working (${Math.round(elapsed / 1000)} s)…\n`);
        });
        const summary = verifySummary(answer);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return summary.ok ? 0 : 1;
        }
        const out = summary.ok ? process.stdout : process.stderr;
        for (const line of summary.lines) out.write(`${line}\n`);
        return summary.ok ? 0 : 1;
      });
      process.exit(code);
    });
}

async function run(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
