// `kt events export --since 30d --format csv --output provider-mix.csv`: streams reporting's
// GET /v1/events/export to a file (never the whole export in memory). It writes a temporary file
// beside the target and renames it on success, so a failed export leaves no half file.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { CliError, EXIT_FAILURE, EXIT_OK } from '../shared/cli.error.js';
import { runCommand, write } from '../shared/command.run.js';
import { progressWanted, startProgress, type Progress } from '../shared/progress.bar.js';
import { ReportingClient, withReportingOptions, type ReportingFlags } from '../shared/reporting.client.js';
import { windowFlags } from '../shared/window.flags.js';
import { oneOf } from '../spend/spend-args.parse.js';
import { eventFilterQuery, withEventFilters, type EventFilterFlags } from './event-filters.js';
import { EXPORT_FORMATS, rowCounter, type ExportFormat } from './export.counter.js';

interface ExportFlags extends ReportingFlags {
  readonly since: string;
  readonly until?: string;
  readonly format: string;
  readonly output: string;
  readonly progress?: boolean;
}

export const ROWS_ESTIMATE_HEADER = 'x-kt-export-rows-estimate';

export function registerExportCommand(events: Command, env: CliEnv): void {
  const command = events
    .command('export')
    .description(
      'stream route events to a file as CSV (RFC 4180, header row), a JSON array or NDJSON; exit 0 written, 2 invalid flags or token, 1 failure (no file left behind)',
    )
    .option('--since <when>', 'start: a duration ago (15m, 24h, 30d) or RFC 3339', '30d')
    .option('--until <when>', 'end: a duration ago or RFC 3339 (default now)')
    .option('--format <format>', EXPORT_FORMATS.join('|'), 'csv')
    .option('--output <file>', 'the file to write; - for stdout', '-')
    .option('--progress', 'always show the progress bar on stderr')
    .option('--no-progress', 'never show the progress bar');
  withReportingOptions(withEventFilters(command)).action((flags: ExportFlags & EventFilterFlags) =>
    runCommand(() => exportEvents(flags, env)),
  );
}

async function exportEvents(flags: ExportFlags & EventFilterFlags, env: CliEnv): Promise<number> {
  const format = oneOf('--format', flags.format, EXPORT_FORMATS);
  if (!format.ok) throw new CliError(format.error, 2);
  const window = windowFlags(flags, '30d', new Date());
  const client = ReportingClient.fromFlags(flags, env);
  const toStdout = flags.output === '-';
  const answer = await client.stream('/v1/events/export', {
    ...eventFilterQuery(flags),
    format: format.value,
    since: window.since.toISOString(),
    until: window.until?.toISOString(),
  });
  if (answer.body === null) throw new CliError('reporting answered the export without a body', EXIT_FAILURE);
  const estimate = Number(answer.headers.get(ROWS_ESTIMATE_HEADER) ?? '0');
  const progress = startProgress(
    'export',
    Number.isFinite(estimate) ? estimate : 0,
    progressWanted(flags.progress),
  );
  const temp = toStdout
    ? ''
    : join(dirname(flags.output), `.${basename(flags.output)}.${process.pid}.partial`);
  const counting = countRows(format.value, progress);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    await pipeline(
      Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>),
      counting.transform,
      toStdout ? stdoutSink() : createWriteStream(temp),
      { signal: stop.signal },
    );
    if (!toStdout) await rename(temp, flags.output);
  } catch (error) {
    if (!toStdout) await rm(temp, { force: true });
    throw new CliError(
      `export failed, nothing written${toStdout ? ' after the rows already printed' : ''}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_FAILURE,
    );
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
  }
  await write(process.stderr, `exported ${counting.rows()} events${toStdout ? '' : ` to ${flags.output}`}\n`);
  return EXIT_OK;
}

function countRows(format: ExportFormat, progress: Progress): { transform: Transform; rows: () => number } {
  const counter = rowCounter(format);
  const decoder = new TextDecoder();
  let rows = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      rows = counter.push(decoder.decode(chunk, { stream: true }));
      progress.update(rows);
      done(null, chunk);
    },
  });
  return { transform, rows: () => rows };
}

// process.stdout must not be ended by the pipeline (later writes, the summary, go to stderr anyway).
function stdoutSink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      process.stdout.write(chunk, (error) => done(error ?? null));
    },
  });
}
