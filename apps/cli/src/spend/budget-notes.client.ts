// `kt spend list` reads budgets from the ledger, which books unpriced traffic at $0. Reporting's
// budget report says how much of each budget's scope was unpriced; the list shows it when it can.
import { ReportingClient, reportingToken, reportingUrl } from '../shared/reporting.client.js';
import type { CliEnv } from '../shared/cli.settings.js';
import type { BudgetPriceNote } from './spend-list.format.js';
import { write } from './spend-cli.io.js';

interface BudgetsAnswer {
  readonly budgets?: readonly (BudgetPriceNote & { readonly budget_id?: unknown })[];
}

/**
 * Reporting's unpriced figures by budget id, when a reporting token is configured (KT_TOKEN or the
 * profile); none otherwise. A reporting that cannot answer leaves the list as the ledger gave it,
 * with a warning on stderr: the budgets themselves come from the ledger either way.
 */
export async function unpricedNotes(env: CliEnv): Promise<Map<string, BudgetPriceNote>> {
  let client: ReportingClient;
  try {
    client = new ReportingClient(reportingUrl(undefined, env), reportingToken(undefined, env));
  } catch {
    return new Map();
  }
  try {
    const answer = await client.getJson<BudgetsAnswer>('/v1/budgets');
    return new Map(
      (answer.budgets ?? []).flatMap((b) => (typeof b.budget_id === 'string' ? [[b.budget_id, b]] : [])),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'no answer';
    await write(process.stderr, `warning: no unpriced figures from reporting (${reason})\n`);
    return new Map();
  }
}
