// HTTP calls of `kt spend` to the ledger's budget API (`/v1/budgets`).
import { profilePath, readProfile } from '../shared/cli.profile.js';
import type { CliEnv } from '../shared/cli.settings.js';
import type { BudgetListItem } from './spend-list.format.js';

const DEFAULT_LEDGER_URL = 'http://127.0.0.1:41004';

/** Where `kt spend` calls the ledger, and with which credential (none: the ledger answers 401). */
export interface LedgerTarget {
  readonly base: string;
  readonly token?: string;
}

/** The `--url` and `--token` flags of a `kt spend` budget command. */
export interface LedgerFlags {
  readonly url?: string;
  readonly token?: string;
}

/**
 * URL: `--url` > `KT_LEDGER_URL` > profile `ledger_url` > default. Token: `--token` >
 * `KT_LEDGER_TOKEN` > profile `ledger_token`. An empty value counts as unset.
 */
export function ledgerTarget(flags: LedgerFlags, env: CliEnv): LedgerTarget {
  const profile = readProfile(env);
  const base = first(flags.url, env.KT_LEDGER_URL, profile.ledger_url) ?? DEFAULT_LEDGER_URL;
  const token = first(flags.token, env.KT_LEDGER_TOKEN, profile.ledger_token);
  return { base: base.replace(/\/+$/, ''), ...(token === undefined ? {} : { token }) };
}

/** A ledger target plus where the profile lives, which a refused credential's hint names. */
export interface SpendLedger extends LedgerTarget {
  readonly profile: string;
}

/** The target the `kt spend` budget commands call, resolved from their flags and the settings. */
export function spendLedger(flags: LedgerFlags, env: CliEnv): SpendLedger {
  return { ...ledgerTarget(flags, env), profile: profilePath(env) };
}

function first(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
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

/** The ledger's answer to a create: `created: false` when a live budget already had these settings. */
export interface CreatedBudget extends BudgetListItem {
  readonly created?: boolean;
  readonly warnings?: readonly string[];
  readonly unpriced_in_scope?: { readonly requests: number; readonly tokens: number; readonly since: string };
}

export function createBudget(ledger: SpendLedger, body: CreateBudgetBody): Promise<CreatedBudget> {
  return call<CreatedBudget>(ledger, 'POST', '/v1/budgets', body);
}

export type UpdateBudgetBody = Partial<
  Pick<CreateBudgetBody, 'period' | 'limit_usd' | 'thresholds_pct' | 'action' | 'name'>
>;

export function updateBudget(
  ledger: SpendLedger,
  id: string,
  body: UpdateBudgetBody,
): Promise<BudgetListItem> {
  return call<BudgetListItem>(ledger, 'PATCH', `/v1/budgets/${encodeURIComponent(id)}`, body);
}

export function listBudgets(ledger: SpendLedger): Promise<BudgetListItem[]> {
  return call<BudgetListItem[]>(ledger, 'GET', '/v1/budgets');
}

export async function deleteBudget(ledger: SpendLedger, id: string): Promise<void> {
  await call<null>(ledger, 'DELETE', `/v1/budgets/${encodeURIComponent(id)}`);
}

async function call<T>(ledger: SpendLedger, method: string, path: string, body?: unknown): Promise<T> {
  const { base, token } = ledger;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new LedgerError(`cannot reach the ledger at ${base}: ${causeOf(error)}`, 1);
  }
  if (res.status === 401 || res.status === 403) {
    const text = await res.text();
    throw new LedgerError(
      credentialProblem(res.status, token !== undefined, explain(text), ledger.profile),
      2,
    );
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

/** Says what was wrong with the credential and every way to pass one; never echoes the token. */
function credentialProblem(status: number, sent: boolean, reason: string, profile: string): string {
  const what =
    status === 403
      ? `the ledger token was accepted but may not do this (HTTP 403: ${reason})`
      : sent
        ? 'the ledger does not know this token (HTTP 401)'
        : 'the ledger needs a token (HTTP 401) and none was given';
  return (
    `${what}. Pass one with --token <token>, set KT_LEDGER_TOKEN, or put ledger_token in ${profile} ` +
    '(kt up writes it); budget writes need an admin token, listing finance or admin.'
  );
}

// Nest answers validation errors as { message: string[] }; show those lines, else the raw body.
function explain(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } };
    if (Array.isArray(parsed.message)) return parsed.message.join('; ');
    if (typeof parsed.message === 'string') return parsed.message;
    // The ledger's auth errors: { error: { type, code, message } }.
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text;
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? String(error);
}
