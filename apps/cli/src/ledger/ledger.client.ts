import { setTimeout as sleep } from 'node:timers/promises';

/** What `GET /v1/admin/rebuild/:id` answers (see apps/ledger rebuild.job.ts). */
export interface RebuildProgress {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly phase: string;
  readonly replayed: number;
  readonly total: number;
  readonly applied: number;
  readonly error: string | null;
}

/** What `GET /v1/admin/verify` answers. */
export interface VerifyAnswer {
  readonly equal: boolean;
  readonly events: number;
  readonly rows: number;
  readonly differences: readonly string[];
  readonly difference_count: number;
}

export const DEFAULT_LEDGER_URL = 'http://127.0.0.1:41004';

export function ledgerUrl(flag: string | undefined): string {
  return (flag ?? process.env.KT_LEDGER_URL ?? DEFAULT_LEDGER_URL).replace(/\/+$/, '');
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Starts a rebuild and polls it every `pollMs` until it ends, reporting each step. */
export async function runRebuild(
  base: string,
  onProgress: (p: RebuildProgress) => void,
  pollMs = 500,
): Promise<RebuildProgress> {
  let progress = await json<RebuildProgress>(
    await fetch(`${base}/v1/admin/rebuild`, { method: 'POST' }),
    'start rebuild',
  );
  while (progress.state === 'running') {
    onProgress(progress);
    await sleep(pollMs);
    progress = await json<RebuildProgress>(
      await fetch(`${base}/v1/admin/rebuild/${progress.id}`),
      'rebuild progress',
    );
  }
  return progress;
}

export async function runVerify(base: string): Promise<VerifyAnswer> {
  return json<VerifyAnswer>(await fetch(`${base}/v1/admin/verify`), 'verify');
}
