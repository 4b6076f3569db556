// `--since` / `--until` of every `kt` command: durations ago (15m, 24h, 30d, 2w) or RFC 3339, parsed
// by the same code as the reporting API so both sides agree on what a window means.
import { parseInstant } from '@kt/contracts';
import { usageError } from './cli.error.js';

export interface WindowFlags {
  readonly since?: string;
  readonly until?: string;
}

export interface Window {
  readonly since: Date;
  readonly until: Date | undefined;
}

/** An instant flag, or exit 2 with a message naming the flag and what was expected. */
export function instantFlag(flag: string, text: string, now: Date): Date {
  try {
    return parseInstant(text, now, flag);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

/** `since` defaults to `defaultSince` ago; `until` stays open (now, on the server) when not given. */
export function windowFlags(flags: WindowFlags, defaultSince: string, now: Date): Window {
  const since = instantFlag('--since', flags.since ?? defaultSince, now);
  const until = flags.until === undefined ? undefined : instantFlag('--until', flags.until, now);
  if (until !== undefined && until.getTime() <= since.getTime()) {
    throw usageError(`--until: expected a time after --since (${since.toISOString()}), got '${flags.until}'`);
  }
  return { since, until };
}
