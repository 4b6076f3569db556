// `kt events replay`: an audit replay of a time range, compared with the live ledger (admin token).
import { setTimeout as sleep } from 'node:timers/promises';
import { parseWindow } from '@kt/contracts';
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { EXIT_FAILURE, EXIT_OK, CliError, usageError } from '../shared/cli.error.js';
import { runCommand, write } from '../shared/command.run.js';
import { progressWanted, startProgress } from '../shared/progress.bar.js';
import { REPORTING_URL_HELP, ReportingClient, TOKEN_HELP } from '../shared/reporting.client.js';
import { formatReplayReport, type AuditAnswer } from './replay.report.js';

interface ReplayOptions {
  readonly since: string;
  readonly until?: string;
  readonly json?: boolean;
  readonly reportingUrl?: string;
  readonly url?: string;
  readonly token?: string;
  readonly progress?: boolean;
}

const POLL_MS = 500;

export function registerReplayCommand(events: Command, env: CliEnv): void {
  events
    .command('replay')
    .description(
      'replay the route events of a time range into a scratch projection and compare with the ledger; exit 0 equal, 1 different or failed, 2 invalid input',
    )
    .requiredOption(
      '--since <when>',
      'start of the range: a duration ago (15m, 24h, 30d) or an RFC 3339 time',
    )
    .option('--until <when>', 'end of the range, exclusive (default now)')
    .option('--json', 'print the audit report as JSON')
    .option('--reporting-url <url>', REPORTING_URL_HELP)
    .option('--url <url>', 'same as --reporting-url')
    .option('--token <token>', `${TOKEN_HELP}; audits need an admin token`)
    .option('--progress', 'always show the progress bar on stderr')
    .option('--no-progress', 'never show the progress bar')
    .action((options: ReplayOptions) => runCommand(() => replay(options, env)));
}

async function replay(options: ReplayOptions, env: CliEnv): Promise<number> {
  const window = readWindow(options);
  const client = ReportingClient.fromFlags(
    {
      url: options.reportingUrl ?? options.url,
      token: options.token,
    },
    env,
  );
  let audit = await client.postJson<AuditAnswer>('/v1/audits', {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
  });
  const poll = async (): Promise<void> => {
    await sleep(POLL_MS);
    audit = await client.getJson<AuditAnswer>(`/v1/audits/${encodeURIComponent(audit.id)}`);
  };
  // The record count is known once the server has looked up the range's offsets.
  while (audit.status === 'running' && audit.progress.total === 0) await poll();
  const bar = startProgress('replay', audit.progress.total, progressWanted(options.progress), 'records');
  try {
    bar.update(audit.progress.read);
    while (audit.status === 'running') {
      await poll();
      bar.update(audit.progress.read);
    }
  } finally {
    bar.stop();
  }
  if (audit.status === 'failed')
    throw new CliError(`audit ${audit.id} failed: ${audit.error ?? 'unknown error'}`, EXIT_FAILURE);
  await write(
    process.stdout,
    options.json ? `${JSON.stringify(audit, null, 2)}\n` : formatReplayReport(audit),
  );
  return audit.equal ? EXIT_OK : EXIT_FAILURE;
}

function readWindow(options: ReplayOptions): { since: Date; until: Date } {
  try {
    return parseWindow({ since: options.since, until: options.until }, new Date());
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}
