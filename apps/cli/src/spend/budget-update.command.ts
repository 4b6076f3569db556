// `kt spend budget update <id>`: changes a live budget's limit or settings (its scope never changes),
// which is what a create refused with 409 (the same scope, period and action exist) points to.
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { ACTIONS, oneOf, parseThresholds, PERIODS } from './spend-args.parse.js';
import { run, usage, write } from './spend-cli.io.js';
import { spendLedger, updateBudget, type LedgerFlags, type UpdateBudgetBody } from './spend.client.js';
import { formatUsd } from './spend-list.format.js';

interface UpdateOptions extends LedgerFlags {
  readonly limit?: string;
  readonly period?: string;
  readonly action?: string;
  readonly thresholds?: string;
  readonly name?: string;
}

export function registerBudgetUpdateCommand(budget: Command, env: CliEnv): void {
  budget
    .command('update')
    .description('change a budget’s limit, period, action, thresholds or name')
    .argument('<id>', 'the budget id (see list)')
    .option('--limit <usd>', 'new limit in USD, e.g. 5000 or 12.50')
    .option('--period <period>', PERIODS.join('|'))
    .option('--action <action>', 'alert (never blocks) or block')
    .option('--thresholds <list>', 'alert thresholds in %, ascending')
    .option('--name <name>', 'a label for reports')
    .option('--url <url>', 'ledger base URL (env KT_LEDGER_URL, profile ledger_url)')
    .option('--token <token>', 'an admin ledger token (env KT_LEDGER_TOKEN, profile ledger_token)')
    .action((id: string, options: UpdateOptions) => run(() => update(id, options, env)));
}

async function update(id: string, options: UpdateOptions, env: CliEnv): Promise<number> {
  const period = options.period === undefined ? undefined : oneOf('--period', options.period, PERIODS);
  const action = options.action === undefined ? undefined : oneOf('--action', options.action, ACTIONS);
  const thresholds = options.thresholds === undefined ? undefined : parseThresholds(options.thresholds);
  for (const parsed of [period, action, thresholds]) {
    if (parsed !== undefined && !parsed.ok) return usage(parsed.error);
  }
  const body: UpdateBudgetBody = {
    ...(options.limit === undefined ? {} : { limit_usd: options.limit }),
    ...(period?.ok === true ? { period: period.value } : {}),
    ...(action?.ok === true ? { action: action.value } : {}),
    ...(thresholds?.ok === true ? { thresholds_pct: thresholds.value } : {}),
    ...(options.name === undefined ? {} : { name: options.name }),
  };
  if (Object.keys(body).length === 0)
    return usage('nothing to change: give --limit, --period, --action, --thresholds or --name');
  const updated = await updateBudget(spendLedger(options, env), id, body);
  await write(
    process.stdout,
    `updated budget ${updated.budget_id}: ${updated.period} limit ${formatUsd(updated.limit_micro_usd)} USD (${updated.action})\n`,
  );
  return 0;
}
