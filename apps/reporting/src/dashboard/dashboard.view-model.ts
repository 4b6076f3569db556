/**
 * The dashboard's pure core: it turns the reporting API's JSON into what the page draws. It runs in
 * the browser (served transpiled by DashboardAssets), so it imports nothing and touches no DOM.
 * Money stays exact (bigint micro-USD) until the one place a chart needs a float.
 */

export type DashboardWindow = '7d' | '30d' | '90d';
export const DASHBOARD_WINDOWS: readonly DashboardWindow[] = ['7d', '30d', '90d'];

/** Requests that used tokens no price covered: shown as their own figure, never as a $0 cost. */
export interface Unpriced {
  readonly unpricedRequests: bigint;
  readonly unpricedTokens: bigint;
}

export interface SpendRowView extends Unpriced {
  readonly bucket: string;
  /** The provider, or `providerLabel`'s name for a provider-less row. */
  readonly key: string;
  readonly requests: bigint;
  readonly costMicroUsd: bigint;
}

export interface ProviderTotal extends Unpriced {
  readonly provider: string;
  readonly requests: bigint;
  readonly costMicroUsd: bigint;
}

/**
 * How the page names the requests the gateway refused before any provider, and a provider-less row
 * without rejections (failures that never made an attempt, e.g. a client gone first). The same
 * words as `@kt/spend`'s labels (a spec checks): this module runs in the browser and imports nothing.
 */
export const REJECTED_LABEL = '(rejected)';
export const NO_PROVIDER_LABEL = '(no provider)';

/** The label of a provider row: the provider, or which kind of provider-less row it is. */
export function providerLabel(provider: string, rejected: unknown): string {
  if (rejected === true) return REJECTED_LABEL;
  return provider === '' ? NO_PROVIDER_LABEL : provider;
}

/** One stacked series per provider, aligned on `labels` (one per day of the window). */
export interface SpendChartView {
  readonly labels: readonly string[];
  /** USD per bucket; null where the bucket's traffic was all unpriced (no bar, no "0 USD" tooltip). */
  readonly series: readonly { readonly provider: string; readonly usd: readonly (number | null)[] }[];
  readonly totals: readonly ProviderTotal[];
}

export interface MixView extends Unpriced {
  readonly provider: string;
  readonly requests: string;
  readonly requestShare: number;
  readonly tokens: string;
  readonly tokenShare: number;
  readonly costMicroUsd: string;
  readonly costShare: number;
}

export type BudgetStatus = 'ok' | 'warning' | 'exhausted' | 'unknown';

export interface BudgetRowView extends Unpriced {
  readonly id: string;
  readonly label: string;
  readonly period: string;
  readonly action: string;
  readonly limitMicroUsd: string;
  readonly spentMicroUsd: string;
  readonly forecastMicroUsd: string | null;
  /** Utilisation in percent (0..∞), for the bar and its label. */
  readonly utilisationPct: number;
  readonly status: BudgetStatus;
}

const MICRO = 1_000_000n;
const DAY_MS = 86_400_000;

/** `"12345678"` micro-USD → `"12.345678"`: exact, no float on the way. */
export function microUsdToUsd(micro: string | bigint): string {
  const value = typeof micro === 'bigint' ? micro : BigInt(micro);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const whole = (abs / MICRO).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${(abs % MICRO).toString().padStart(6, '0')}`;
}

/** A decimal share (`"0.3333"`) or utilisation as a percent label (`"33.33 %"`). */
export function percentLabel(share: number): string {
  return `${(share * 100).toFixed(2)} %`;
}

/** `"4031"` → `"4,031"`. */
function thousands(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "unpriced: 184 requests, 4,031 tokens", or '' when everything had a price. */
export function unpricedNote(u: Unpriced): string {
  if (u.unpricedRequests <= 0n) return '';
  const requests = `${thousands(u.unpricedRequests)} request${u.unpricedRequests === 1n ? '' : 's'}`;
  return `unpriced: ${requests}, ${thousands(u.unpricedTokens)} token${u.unpricedTokens === 1n ? '' : 's'}`;
}

/** True when a group's cost is only unpriced traffic: its cost reads "unpriced", never $0. */
export function onlyUnpriced(u: Unpriced & { readonly costMicroUsd: bigint | string }): boolean {
  return u.unpricedRequests > 0n && BigInt(u.costMicroUsd) === 0n;
}

/** A group's cost for display: exact USD, or "unpriced" (see `onlyUnpriced`). */
export function costLabel(u: Unpriced & { readonly costMicroUsd: bigint | string }): string {
  return onlyUnpriced(u) ? 'unpriced' : microUsdToUsd(u.costMicroUsd);
}

/** Query string for a data call over the chosen window. */
export function windowQuery(window: DashboardWindow, extra: Readonly<Record<string, string>> = {}): string {
  return new URLSearchParams({ since: window, ...extra }).toString();
}

export function readSpend(body: unknown): {
  since: string;
  until: string;
  rows: SpendRowView[];
  totals: Unpriced;
} {
  const root = record(body, 'spend');
  const rows = list(root.rows, 'spend.rows').map((raw, i) => {
    const row = record(raw, `spend.rows[${i}]`);
    const key = text(row.key, `spend.rows[${i}].key`);
    return {
      bucket: new Date(text(row.bucket, `spend.rows[${i}].bucket`)).toISOString(),
      key: providerLabel(key, row.rejected),
      requests: integer(row.requests, `spend.rows[${i}].requests`),
      costMicroUsd: integer(row.cost_micro_usd, `spend.rows[${i}].cost_micro_usd`),
      ...readUnpriced(row, `spend.rows[${i}]`),
    };
  });
  const totals = readUnpriced(
    root.totals === undefined ? {} : record(root.totals, 'spend.totals'),
    'spend.totals',
  );
  return { since: text(root.since, 'spend.since'), until: text(root.until, 'spend.until'), rows, totals };
}

/** The unpriced counters of a row or total; an older reporting without them means none. */
function readUnpriced(row: Readonly<Record<string, unknown>>, at: string): Unpriced {
  return {
    unpricedRequests: integer(row.unpriced_requests ?? '0', `${at}.unpriced_requests`),
    unpricedTokens: integer(row.unpriced_tokens ?? '0', `${at}.unpriced_tokens`),
  };
}

/** Every UTC day from `since` to `until`, so quiet days show as gaps instead of vanishing. */
export function dayBuckets(since: string, until: string): string[] {
  const start = new Date(since);
  start.setUTCHours(0, 0, 0, 0);
  const end = new Date(until).getTime();
  const days: string[] = [];
  for (let t = start.getTime(); t <= end && days.length < 400; t += DAY_MS)
    days.push(new Date(t).toISOString());
  return days;
}

export function spendChart(spend: {
  readonly since: string;
  readonly until: string;
  readonly rows: readonly SpendRowView[];
}): SpendChartView {
  const buckets = [...new Set([...dayBuckets(spend.since, spend.until), ...spend.rows.map((r) => r.bucket)])];
  buckets.sort();
  const index = new Map(buckets.map((b, i) => [b, i]));
  type Entry = {
    requests: bigint;
    cost: bigint;
    unpriced: bigint;
    tokens: bigint;
    perBucket: bigint[];
    unpricedPerBucket: bigint[];
  };
  const byProvider = new Map<string, Entry>();
  for (const row of spend.rows) {
    const entry = byProvider.get(row.key) ?? {
      requests: 0n,
      cost: 0n,
      unpriced: 0n,
      tokens: 0n,
      perBucket: buckets.map(() => 0n),
      unpricedPerBucket: buckets.map(() => 0n),
    };
    entry.requests += row.requests;
    entry.cost += row.costMicroUsd;
    entry.unpriced += row.unpricedRequests;
    entry.tokens += row.unpricedTokens;
    const at = index.get(row.bucket) ?? 0;
    entry.perBucket[at] = (entry.perBucket[at] ?? 0n) + row.costMicroUsd;
    entry.unpricedPerBucket[at] = (entry.unpricedPerBucket[at] ?? 0n) + row.unpricedRequests;
    byProvider.set(row.key, entry);
  }
  // Biggest spender first, so the stack's base and the legend lead with what matters most.
  const ordered = [...byProvider].sort(([a, x], [b, y]) =>
    x.cost === y.cost ? (a < b ? -1 : 1) : x.cost > y.cost ? -1 : 1,
  );
  return {
    labels: buckets.map((b) => b.slice(0, 10)),
    // Charts draw floats: the only place money leaves bigint, for display.
    // A bucket whose cost is 0 only because nothing in it had a price gets no bar, like the mix chart.
    series: ordered.map(([provider, e]) => ({
      provider,
      usd: e.perBucket.map((c, i) =>
        c === 0n && (e.unpricedPerBucket[i] ?? 0n) > 0n ? null : Number(c) / 1e6,
      ),
    })),
    totals: ordered.map(([provider, e]) => ({
      provider,
      requests: e.requests,
      costMicroUsd: e.cost,
      unpricedRequests: e.unpriced,
      unpricedTokens: e.tokens,
    })),
  };
}

export function readMix(body: unknown): MixView[] {
  const root = record(body, 'provider-mix');
  return list(root.providers, 'provider-mix.providers').map((raw, i) => {
    const p = record(raw, `provider-mix.providers[${i}]`);
    const at = `provider-mix.providers[${i}]`;
    const provider = text(p.provider, `${at}.provider`);
    return {
      provider: providerLabel(provider, p.rejected),
      ...readUnpriced(p, at),
      requests: integer(p.requests, `${at}.requests`).toString(),
      requestShare: share(p.request_share, `${at}.request_share`),
      tokens: integer(p.tokens, `${at}.tokens`).toString(),
      tokenShare: share(p.token_share, `${at}.token_share`),
      costMicroUsd: integer(p.cost_micro_usd, `${at}.cost_micro_usd`).toString(),
      costShare: share(p.cost_share, `${at}.cost_share`),
    };
  });
}

export function readBudgets(body: unknown): BudgetRowView[] {
  const root = record(body, 'budgets');
  return list(root.budgets, 'budgets.budgets').map((raw, i) => {
    const b = record(raw, `budgets.budgets[${i}]`);
    const at = `budgets.budgets[${i}]`;
    const status = String(b.status ?? 'unknown');
    return {
      id: text(b.id ?? b.budget_id, `${at}.id`),
      label: budgetLabel(b),
      period: String(b.period ?? ''),
      action: String(b.action ?? ''),
      limitMicroUsd: integer(b.limit_micro_usd, `${at}.limit_micro_usd`).toString(),
      spentMicroUsd: integer(b.spent_micro_usd ?? '0', `${at}.spent_micro_usd`).toString(),
      forecastMicroUsd:
        b.forecast_micro_usd === undefined || b.forecast_micro_usd === null
          ? null
          : integer(b.forecast_micro_usd, `${at}.forecast_micro_usd`).toString(),
      utilisationPct: share(b.utilisation ?? '0', `${at}.utilisation`) * 100,
      status: status === 'ok' || status === 'warning' || status === 'exhausted' ? status : 'unknown',
      ...readUnpriced(b, at),
    };
  });
}

/** `name (provider:openai)`, whichever of the ledger's or reporting's scope spellings arrives. */
function budgetLabel(b: Readonly<Record<string, unknown>>): string {
  const scope = b.scope;
  let where: string;
  if (typeof scope === 'object' && scope !== null) {
    const s = scope as Record<string, unknown>;
    where =
      s.value === undefined || s.value === null ? String(s.kind) : `${String(s.kind)}:${String(s.value)}`;
  } else {
    const value = b.scope_value;
    where =
      value === undefined || value === null || value === ''
        ? String(scope ?? '')
        : `${String(scope)}:${String(value)}`;
  }
  return typeof b.name === 'string' && b.name !== '' ? `${b.name} (${where})` : where;
}

/** What the page says when a data call fails: precise for 401/403/429, the API's own message otherwise. */
export function describeFailure(status: number, body: unknown, retryAfter: string | null): string {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const detail =
    typeof error === 'object' && error !== null
      ? (error as { code?: unknown; message?: unknown })
      : undefined;
  const code = typeof detail?.code === 'string' ? ` (${detail.code})` : '';
  if (status === 401) return `The reporting API refused the token${code}: check it and sign in again.`;
  if (status === 403) return `This token may not read this data${code}: ask for a finance or admin token.`;
  if (status === 429) return `Too many requests: try again in ${retryAfter ?? 'a few'} seconds.`;
  const message = typeof detail?.message === 'string' ? detail.message : `HTTP ${status}`;
  return `The reporting API failed: ${message}`;
}

function record(value: unknown, at: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${at}: expected an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, at: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Error(`${at}: expected an array`);
  return value;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new Error(`${at}: expected a string`);
  return value;
}

function integer(value: unknown, at: string): bigint {
  if (
    (typeof value === 'string' && /^-?\d+$/.test(value)) ||
    (typeof value === 'number' && Number.isInteger(value))
  )
    return BigInt(value);
  throw new Error(`${at}: expected an integer as a decimal string`);
}

function share(value: unknown, at: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new Error(`${at}: expected a decimal share`);
  return n;
}
