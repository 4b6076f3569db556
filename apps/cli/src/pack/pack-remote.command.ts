// `kt pack apply | show | diff | history`: packs as reporting publishes them on kt.pack-events.v1.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { CliError, EXIT_OK, EXIT_USAGE } from '../shared/cli.error.js';
import { runCommand, write } from '../shared/command.run.js';
import { ReportingClient, withReportingOptions, type ReportingFlags } from '../shared/reporting.client.js';
import { diffPacks } from './pack-diff.format.js';
import { formatApplied, formatPackHistory } from './pack-history.format.js';
import { checkBeforePublish } from './pack-publish.check.js';
import { applyPack, currentPack, packHistory } from './pack.client.js';

interface Flags extends ReportingFlags {
  readonly json?: boolean;
  readonly name?: string;
}

export function registerPackRemoteCommands(pack: Command, env: CliEnv): void {
  withReportingOptions(
    pack
      .command('apply')
      .description(
        "validate a pack file locally as reporting does (${VAR} is the gateways' to read), then publish it through reporting (admin token): every gateway hot-reloads it; exit 0 applied, 2 invalid or refused, 1 failure",
      )
      .argument('<file>', 'the pack YAML file'),
  )
    .option('--json', 'print { name, version, sha256, applied_at, applied_by } as JSON')
    .action((file: string, flags: Flags) => runCommand(() => apply(file, flags, env)));

  withReportingOptions(
    pack
      .command('show')
      .description('print the YAML of the pack applied last (of a name); exit 1 when none was applied'),
  )
    .option('--name <name>', 'the pack name (default: the pack applied last, whatever its name)')
    .option('--json', 'print the pack with who/when/sha256 and its content as JSON')
    .action((flags: Flags) => runCommand(() => show(flags, env)));

  withReportingOptions(
    pack
      .command('diff')
      .description(
        'unified diff from the applied pack to a file; exit 0 same, 1 different, 2 trouble (like diff(1))',
      )
      .argument('<file>', 'the pack YAML file'),
  )
    .option('--name <name>', 'compare with the applied pack of this name (default: the name in the file)')
    .action((file: string, flags: Flags) => runCommand(() => troubleIsTwo(() => diff(file, flags, env))));

  withReportingOptions(
    pack.command('history').description('who applied which pack when (the config audit trail), newest first'),
  )
    .option('--name <name>', 'only packs of this name')
    .option('--json', 'print { packs: [...] } as JSON')
    .action((flags: Flags) => runCommand(() => history(flags, env)));
}

async function apply(file: string, flags: Flags, env: CliEnv): Promise<number> {
  const text = await readPackText(file);
  const local = checkBeforePublish(file, text);
  if (!local.ok) {
    await write(process.stderr, local.report.stderr);
    return local.report.exitCode;
  }
  const applied = await applyPack(ReportingClient.fromFlags(flags, env), text);
  await write(
    process.stdout,
    flags.json === true ? `${JSON.stringify(applied, null, 2)}\n` : formatApplied(applied),
  );
  return EXIT_OK;
}

async function show(flags: Flags, env: CliEnv): Promise<number> {
  const current = await currentPack(ReportingClient.fromFlags(flags, env), flags.name);
  if (current === null) {
    throw new CliError(
      flags.name === undefined
        ? 'no pack has been applied'
        : `no pack named '${flags.name}' has been applied`,
      1,
    );
  }
  await write(
    process.stdout,
    flags.json === true ? `${JSON.stringify(current, null, 2)}\n` : current.content,
  );
  return EXIT_OK;
}

async function diff(file: string, flags: Flags, env: CliEnv): Promise<number> {
  const text = await readPackText(file);
  const name = flags.name ?? nameInFile(file, text);
  const current = await currentPack(ReportingClient.fromFlags(flags, env), name);
  const result = diffPacks(
    current === null
      ? null
      : {
          label: `applied ${current.name}@${current.version} (${current.sha256.slice(0, 12)})`,
          content: current.content,
        },
    { label: file, content: text },
  );
  await write(process.stdout, result.patch);
  return result.equal ? 0 : 1;
}

async function history(flags: Flags, env: CliEnv): Promise<number> {
  const packs = await packHistory(ReportingClient.fromFlags(flags, env), flags.name);
  await write(
    process.stdout,
    flags.json === true ? `${JSON.stringify({ packs }, null, 2)}\n` : formatPackHistory(packs),
  );
  return EXIT_OK;
}

async function readPackText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read the pack file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_USAGE,
    );
  }
}

function nameInFile(file: string, text: string): string {
  const checked = checkBeforePublish(file, text);
  if (checked.ok) return checked.identity.name;
  throw new CliError(`cannot tell the pack name of ${file} (it is invalid); pass --name`, EXIT_USAGE);
}

// diff(1) keeps 1 for "different": every failure of `kt pack diff` exits 2.
async function troubleIsTwo(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    throw error instanceof CliError
      ? new CliError(error.message, EXIT_USAGE, error.status)
      : new CliError(error instanceof Error ? error.message : String(error), EXIT_USAGE);
  }
}
