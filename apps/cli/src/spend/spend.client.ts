// HTTP calls of `kt spend` to the ledger's budget API (`/v1/budgets`).
import { readProfile } from '../shared/cli.profile.js';
import type { BudgetListItem } from './spend-list.format.js';

const DEFAULT_LEDGER_URL = 'http://127.0.0.1:41004';

/** Flag > `KT_LEDGER_URL` > CLI profile (written by `kt up`) > default. */
export function ledgerBase(flag: string | undefined): string {
  const url = flag ?? process.env.KT_LEDGER_URL ?? readProfile().ledger_url ?? DEFAULT_LEDGER_URL;
  return url.replace(/\/+$/, '');
}

/** A refusal from the ledger: 4xx means the input was invalid (exit 2), anything else a failure (exit 1). */
export class LedgerError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export interface CreateBudgetBody {
  readonly scope_kind: string;
  readonly scope_value?: string;
  readonly period: string;
  readonly limit_usd: string;
  readonly thresholds_pct?: readonly number[];
  readonly action?: string;
  readonly name?: string;
}

export function createBudget(base: string, body: CreateBudgetBody): Promise<BudgetListItem> {
  return call<BudgetListItem>(base, 'POST', '/v1/budgets', body);
}

export function listBudgets(base: string): Promise<BudgetListItem[]> {
  return call<BudgetListItem[]>(base, 'GET', '/v1/budgets');
}

export async function deleteBudget(base: string, id: string): Promise<void> {
  await call<null>(base, 'DELETE', `/v1/budgets/${encodeURIComponent(id)}`);
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new LedgerError(`cannot reach the ledger at ${base}: ${causeOf(error)}`, 1);
  }
  if (!res.ok) {
    const text = await res.text();
    throw new LedgerError(
      `ledger refused ${method} ${path}: HTTP ${res.status} ${explain(text)}`,
      res.status < 500 ? 2 : 1,
    );
  }
  return (res.status === 204 ? null : await res.json()) as T;
}

// Nest answers validation errors as { message: string[] }; show those lines, else the raw body.
function explain(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (Array.isArray(parsed.message)) return parsed.message.join('; ');
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text;
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? String(error);
}
