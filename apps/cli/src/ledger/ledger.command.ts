// The `kt ledger …` command group: rebuild and verify the spend projection.
import type { Command } from 'commander';
import { ledgerUrl, runRebuild, runVerify, type RebuildProgress } from './ledger.client.js';

const percent = (p: RebuildProgress): string =>
  p.total > 0 ? `${Math.floor((100 * p.replayed) / p.total)}%` : '—';

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the spend ledger (apps/ledger)');
  ledger
    .command('rebuild')
    .description(
      'replay the route-event topic from offset 0 into fresh tables and swap them in; exit 0 done, 1 failed',
    )
    .option('--url <url>', 'ledger base URL (env KT_LEDGER_URL, default http://127.0.0.1:41004)')
    .action(async (options: { url?: string }) => {
      const code = await run(async () => {
        const end = await runRebuild(ledgerUrl(options.url), (p) => {
          process.stdout.write(
            `rebuild ${p.id}: ${p.phase} ${p.replayed}/${p.total} records (${percent(p)})\n`,
          );
        });
        if (end.state === 'done') {
          process.stdout.write(
            `rebuild ${end.id}: done, ${end.applied} events from ${end.replayed} records\n`,
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
      'recompute spend from the topic and compare with the projection; exit 0 equal, 1 different or failed',
    )
    .option('--url <url>', 'ledger base URL (env KT_LEDGER_URL, default http://127.0.0.1:41004)')
    .action(async (options: { url?: string }) => {
      const code = await run(async () => {
        const answer = await runVerify(ledgerUrl(options.url));
        if (answer.equal) {
          process.stdout.write(`verify: equal — ${answer.events} events, ${answer.rows} rollup rows\n`);
          return 0;
        }
        process.stderr.write(
          `verify: ${answer.difference_count} difference(s) over ${answer.events} events\n`,
        );
        for (const line of answer.differences) process.stderr.write(`  ${line}\n`);
        return 1;
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
