// The `kt spend …` command group: provider budgets (as in the seed) and budgets of any scope.
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import {
  ACTIONS,
  oneOf,
  parseScope,
  parseThresholds,
  PERIODS,
  type Parsed,
  type ParsedScope,
} from './spend-args.parse.js';
import { unpricedNotes } from './budget-notes.client.js';
import { registerBudgetUpdateCommand } from './budget-update.command.js';
import { run, usage, write } from './spend-cli.io.js';
import {
  createBudget,
  deleteBudget,
  listBudgets,
  spendLedger,
  type CreateBudgetBody,
  type LedgerFlags,
} from './spend.client.js';
import { registerSpendReportCommand } from './report.command.js';
import { formatBudgetTable, formatUsd } from './spend-list.format.js';

interface CreateOptions {
  readonly limit: string;
  readonly period: string;
  readonly action?: string;
  readonly thresholds?: string;
  readonly name?: string;
  readonly url?: string;
  readonly token?: string;
}

interface ListOptions extends LedgerFlags {
  readonly json?: boolean;
}

const URL_HELP = 'ledger base URL (env KT_LEDGER_URL, profile ledger_url, default http://127.0.0.1:41004)';
const TOKEN_HELP =
  'ledger token: admin to write, finance or admin to list (env KT_LEDGER_TOKEN, profile ledger_token)';

export function registerSpendCommands(program: Command, env: CliEnv): void {
  const spend = program.command('spend').description('budgets and spend, kept by the ledger');
  registerSpendReportCommand(spend, env);

  const providerBudget = spend.command('provider-budget').description('budgets of one provider');
  withCreateFlags(
    providerBudget.command('create').description('define a provider budget (default action: block)'),
  )
    .requiredOption('--provider <name>', 'provider name as in the pack (openai, azure, anthropic …)')
    .action((options: CreateOptions & { provider: string }) =>
      run(() =>
        create(
          { ok: true, value: { scope_kind: 'provider', scope_value: options.provider } },
          options,
          'block',
          env,
        ),
      ),
    );
  providerBudget
    .command('list')
    .description('list provider budgets with their state')
    .option('--json', 'print the budgets as JSON')
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP)
    .action((options: ListOptions) => run(() => list(options, 'provider', env)));

  const budget = spend
    .command('budget')
    .description('budgets of any scope: provider, target, group, team, key, global');
  withCreateFlags(budget.command('create').description('define a budget (default action: alert)'))
    .requiredOption('--scope <scope>', 'KIND:NAME (team:finance, key:key_01, group:production-llm) or global')
    .action((options: CreateOptions & { scope: string }) =>
      run(() => create(parseScope(options.scope), options, 'alert', env)),
    );
  budget
    .command('list')
    .description('list budgets with their state')
    .option('--scope <kind>', 'only budgets of this scope kind')
    .option('--json', 'print the budgets as JSON')
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP)
    .action((options: ListOptions & { scope?: string }) => run(() => list(options, options.scope, env)));
  budget
    .command('delete')
    .description('delete a budget by id')
    .argument('<id>', 'the budget id (see list)')
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP)
    .action((id: string, options: LedgerFlags) => run(() => remove(id, options, env)));
  registerBudgetUpdateCommand(budget, env);
}

function withCreateFlags(command: Command): Command {
  return command
    .requiredOption('--limit <usd>', 'limit in USD, e.g. 5000 or 12.50')
    .requiredOption('--period <period>', PERIODS.join('|'))
    .option('--action <action>', 'alert (never blocks) or block')
    .option('--thresholds <list>', 'alert thresholds in %, ascending (default 50,80,100)')
    .option('--name <name>', 'a label for reports')
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN_HELP);
}

async function create(
  scope: Parsed<ParsedScope>,
  options: CreateOptions,
  defaultAction: string,
  env: CliEnv,
): Promise<number> {
  const period = oneOf('--period', options.period, PERIODS);
  const action = oneOf('--action', options.action ?? defaultAction, ACTIONS);
  const thresholds = options.thresholds === undefined ? undefined : parseThresholds(options.thresholds);
  for (const parsed of [scope, period, action, thresholds]) {
    if (parsed !== undefined && !parsed.ok) return usage(parsed.error);
  }
  if (!scope.ok || !period.ok || !action.ok) return 2;
  const body: CreateBudgetBody = {
    ...scope.value,
    period: period.value,
    limit_usd: options.limit,
    action: action.value,
    ...(thresholds?.ok === true ? { thresholds_pct: thresholds.value } : {}),
    ...(options.name === undefined ? {} : { name: options.name }),
  };
  const created = await createBudget(spendLedger(options, env), body);
  const where =
    created.scope.value === null ? created.scope.kind : `${created.scope.kind}:${created.scope.value}`;
  const what = `${where} ${created.period} limit ${formatUsd(created.limit_micro_usd)} USD (${created.action})`;
  // Budgets are idempotent by scope, period and action: asking again for the same one changes nothing.
  await write(
    process.stdout,
    created.created === false
      ? `unchanged: budget ${created.budget_id} already exists: ${what}\n`
      : `created budget ${created.budget_id}: ${what}\n`,
  );
  for (const warning of created.warnings ?? []) await write(process.stderr, `warning: ${warning}\n`);
  return 0;
}

async function list(options: ListOptions, kind: string | undefined, env: CliEnv): Promise<number> {
  const budgets = (await listBudgets(spendLedger(options, env))).filter(
    (b) => kind === undefined || b.scope.kind === kind,
  );
  if (options.json === true) {
    await write(process.stdout, `${JSON.stringify(budgets, null, 2)}\n`);
    return 0;
  }
  await write(process.stdout, formatBudgetTable(budgets, await unpricedNotes(env)));
  return 0;
}

async function remove(id: string, options: LedgerFlags, env: CliEnv): Promise<number> {
  await deleteBudget(spendLedger(options, env), id);
  await write(process.stdout, `deleted budget ${id}\n`);
  return 0;
}
