// `kt spend report --by provider --since 30d`: spend from reporting's GET /v1/spend.
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { EXIT_OK, usageError } from '../shared/cli.error.js';
import { runCommand, write } from '../shared/command.run.js';
import { ReportingClient, withReportingOptions, type ReportingFlags } from '../shared/reporting.client.js';
import { windowFlags } from '../shared/window.flags.js';
import { oneOf } from './spend-args.parse.js';
import { formatSpendReport, SPEND_DIMENSIONS, SPEND_INTERVALS, type SpendAnswer } from './report.format.js';

type Filters = Partial<Record<(typeof SPEND_DIMENSIONS)[number], string>>;

interface ReportFlags extends ReportingFlags, Filters {
  readonly by: string;
  readonly since?: string;
  readonly until?: string;
  readonly interval?: string;
  readonly json?: boolean;
}

export function registerSpendReportCommand(spend: Command, env: CliEnv): void {
  let command = spend
    .command('report')
    .description(
      'spend (requests, errors, tokens, exact USD) grouped by a dimension over a window, from reporting; exit 0 ok, 2 invalid flags or token, 1 failure',
    )
    .option('--by <dimension>', SPEND_DIMENSIONS.join('|'), 'provider')
    .option('--since <when>', 'start: a duration ago (15m, 24h, 30d, 2w) or RFC 3339', '30d')
    .option('--until <when>', 'end: a duration ago or RFC 3339 (default now)')
    .option(
      '--interval <interval>',
      `${SPEND_INTERVALS.join('|')}: one row per bucket and key (default: one row per key over the window)`,
    );
  for (const dimension of SPEND_DIMENSIONS)
    command = command.option(`--${dimension} <value>`, `only this ${dimension}`);
  command.option('--json', 'print the reporting answer as JSON');
  withReportingOptions(command).action((flags: ReportFlags) => runCommand(() => report(flags, env)));
}

async function report(flags: ReportFlags, env: CliEnv): Promise<number> {
  const by = valid(oneOf('--by', flags.by, SPEND_DIMENSIONS));
  const interval =
    flags.interval === undefined ? undefined : valid(oneOf('--interval', flags.interval, SPEND_INTERVALS));
  const window = windowFlags(flags, '30d', new Date());
  const answer = await ReportingClient.fromFlags(flags, env).getJson<SpendAnswer>('/v1/spend', {
    by,
    interval: interval ?? 'day',
    since: window.since.toISOString(),
    until: window.until?.toISOString(),
    ...Object.fromEntries(SPEND_DIMENSIONS.map((d) => [d, flags[d]])),
  });
  await write(
    process.stdout,
    flags.json === true
      ? `${JSON.stringify(answer, null, 2)}\n`
      : formatSpendReport(answer, interval !== undefined),
  );
  return EXIT_OK;
}

function valid<T>(parsed: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!parsed.ok) throw usageError(parsed.error);
  return parsed.value;
}
