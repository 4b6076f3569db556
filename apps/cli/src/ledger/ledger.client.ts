import { setTimeout as sleep } from 'node:timers/promises';
import type { VerifyReport } from '@kt/contracts';
import { readProfile } from '../shared/cli.profile.js';
import type { CliEnv } from '../shared/cli.settings.js';

/** What `GET /v1/admin/rebuild/:id` answers (see apps/ledger rebuild.job.ts). */
export interface RebuildProgress {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly phase: string;
  readonly replayed: number;
  readonly total: number;
  readonly applied: number;
  /** Absent from ledgers older than the dead-letter bookkeeping. */
  readonly dead_lettered?: number;
  readonly error: string | null;
}

/** What `GET /v1/admin/verify` answers (docs/ledger.md). */
export type VerifyAnswer = VerifyReport;

export const DEFAULT_LEDGER_URL = 'http://127.0.0.1:41004';

/** `--url` > `KT_LEDGER_URL` > profile `ledger_url` > the local default. */
export function ledgerUrl(flag: string | undefined, env: CliEnv): string {
  const url = flag ?? env.KT_LEDGER_URL ?? readProfile(env).ledger_url ?? DEFAULT_LEDGER_URL;
  return url.replace(/\/+$/, '');
}

/** `--token` > `KT_LEDGER_TOKEN` > profile `ledger_token`; none means no Authorization header. */
export function ledgerToken(flag: string | undefined, env: CliEnv): string | undefined {
  const token = flag ?? env.KT_LEDGER_TOKEN ?? readProfile(env).ledger_token;
  return token === '' ? undefined : token;
}

/** Where and as whom the commands call the ledger. */
export interface LedgerTarget {
  readonly base: string;
  readonly token?: string;
}

function headers(target: LedgerTarget): Record<string, string> {
  return target.token ? { authorization: `Bearer ${target.token}` } : {};
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (res.status === 401 || res.status === 403)
    throw new Error(
      `${what}: HTTP ${res.status}: the ledger wants an admin credential (--token, KT_LEDGER_TOKEN or the profile's ledger_token)`,
    );
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Starts a rebuild and polls it every `pollMs` until it ends, reporting each step. */
export async function runRebuild(
  target: LedgerTarget,
  onProgress: (p: RebuildProgress) => void,
  pollMs = 500,
): Promise<RebuildProgress> {
  let progress = await json<RebuildProgress>(
    await fetch(`${target.base}/v1/admin/rebuild`, { method: 'POST', headers: headers(target) }),
    'start rebuild',
  );
  while (progress.state === 'running') {
    onProgress(progress);
    await sleep(pollMs);
    progress = await json<RebuildProgress>(
      await fetch(`${target.base}/v1/admin/rebuild/${progress.id}`, { headers: headers(target) }),
      'rebuild progress',
    );
  }
  return progress;
}

/** The ledger gets this much longer than its own timeout to answer before the CLI gives up. */
const ANSWER_GRACE_MS = 15_000;

/**
 * Asks the ledger to verify within `timeoutMs`; `onWaiting` is called every `tickMs` with the time
 * spent so far, so a long verification shows it is alive. Never waits longer than the timeout
 * plus a grace period for the answer.
 */
export async function runVerify(
  target: LedgerTarget,
  timeoutMs: number,
  onWaiting: (elapsedMs: number) => void = () => undefined,
  tickMs = 5_000,
): Promise<VerifyAnswer> {
  const started = Date.now();
  const ticker = setInterval(() => onWaiting(Date.now() - started), tickMs);
  try {
    const res = await fetch(`${target.base}/v1/admin/verify?timeout_ms=${timeoutMs}`, {
      headers: headers(target),
      signal: AbortSignal.timeout(timeoutMs + ANSWER_GRACE_MS),
    }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'TimeoutError')
        throw new Error(
          `verify: no answer from the ledger within ${Math.round((timeoutMs + ANSWER_GRACE_MS) / 1000)} s`,
        );
      throw error;
    });
    return await json<VerifyAnswer>(res, 'verify');
  } finally {
    clearInterval(ticker);
  }
}
