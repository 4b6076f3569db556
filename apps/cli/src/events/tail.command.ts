// `kt events tail`: polls reporting's GET /v1/events and prints new route events oldest first.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { CliError, EXIT_FAILURE, EXIT_OK, usageError } from '../shared/cli.error.js';
import { runCommand, write } from '../shared/command.run.js';
import { ReportingClient, withReportingOptions, type ReportingFlags } from '../shared/reporting.client.js';
import { instantFlag } from '../shared/window.flags.js';
import { eventFilterQuery, withEventFilters, type EventFilterFlags } from './event-filters.js';
import { formatEventLine, isTailEvent, TailWatermark, type TailEvent } from './tail.format.js';

interface TailFlags extends ReportingFlags {
  readonly since: string;
  readonly poll: string;
  readonly follow: boolean;
  readonly json?: boolean;
}

const PAGE = 500;
// Events reach the ledger shortly after they occur; look back this far on every poll.
const OVERLAP_MS = 60_000;

export function registerTailCommand(events: Command, env: CliEnv): void {
  const command = events
    .command('tail')
    .description(
      'print route events as they arrive, oldest first; Ctrl-C exits 0. Exit 2 invalid flags or token, 1 failure',
    )
    .option('--since <when>', 'start: a duration ago (15m, 24h, 30d) or RFC 3339', '15m')
    .option('--poll <seconds>', 'seconds between polls', '2')
    .option('--no-follow', 'print the events since --since and exit')
    .option('--json', 'one JSON route event per line (NDJSON)');
  withReportingOptions(withEventFilters(command)).action((flags: TailFlags & EventFilterFlags) =>
    runCommand(() => tail(flags, env)),
  );
}

async function tail(flags: TailFlags & EventFilterFlags, env: CliEnv): Promise<number> {
  const since = instantFlag('--since', flags.since, new Date());
  const pollS = Number(flags.poll);
  if (!Number.isFinite(pollS) || pollS < 0.1 || pollS > 3600) {
    throw usageError(`--poll: expected seconds between 0.1 and 3600, got '${flags.poll}'`);
  }
  const client = ReportingClient.fromFlags(flags, env);
  const filters = eventFilterQuery(flags);
  const watermark = new TailWatermark(since, OVERLAP_MS);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  for (let polls = 0; ; polls += 1) {
    const fresh = watermark.admit(await poll(client, watermark.since, filters, flags.follow && polls > 0));
    for (const event of fresh) {
      await write(
        process.stdout,
        flags.json === true ? `${JSON.stringify(event)}\n` : `${formatEventLine(event)}\n`,
      );
    }
    if (!flags.follow || stop.signal.aborted) return EXIT_OK;
    try {
      await sleep(pollS * 1000, undefined, { signal: stop.signal });
    } catch {
      return EXIT_OK;
    }
  }
}

/** Once following, a failure that may pass (reporting restarting, 5xx) is reported and retried. */
async function poll(
  client: ReportingClient,
  since: Date,
  filters: Record<string, string | undefined>,
  tolerant: boolean,
): Promise<TailEvent[]> {
  try {
    return await fetchSince(client, since, filters);
  } catch (error) {
    if (!tolerant || !(error instanceof CliError) || error.exitCode !== EXIT_FAILURE) throw error;
    await write(process.stderr, `warning: ${error.message}; retrying\n`);
    return [];
  }
}

/** Every event since `since` (all pages; the API answers newest first). */
async function fetchSince(
  client: ReportingClient,
  since: Date,
  filters: Record<string, string | undefined>,
): Promise<TailEvent[]> {
  const all: TailEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.getJson<{ events: unknown[]; next_cursor: string | null }>('/v1/events', {
      ...filters,
      since: since.toISOString(),
      limit: String(PAGE),
      cursor,
    });
    for (const event of page.events) {
      if (!isTailEvent(event)) throw new CliError('reporting answered an event kt cannot read', EXIT_FAILURE);
      all.push(event);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}
