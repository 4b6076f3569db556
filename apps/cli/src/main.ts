import { Command } from 'commander';
import { CliSettingsError, readCliSettings, type CliSettings } from './shared/cli.settings.js';
import { registerEventsCommands } from './events/events.command.js';
import { registerLedgerCommands } from './ledger/ledger.command.js';
import { registerPackCommands } from './pack/pack.command.js';
import { registerSpendCommands } from './spend/spend.command.js';
import { registerTargetsCommands } from './targets/targets.command.js';
import { registerUpCommand } from './up/up.command.js';

// The one place the CLI reads its environment; every command gets what it needs from `settings`.
let settings: CliSettings;
try {
  settings = readCliSettings(process.env);
} catch (error) {
  if (!(error instanceof CliSettingsError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(2);
}

const program = new Command('kt')
  .description('kt: governed multi-provider AI gateway — operator commands')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

registerUpCommand(program, settings);
registerPackCommands(program, settings);
registerTargetsCommands(program, settings);
registerSpendCommands(program, settings);
registerLedgerCommands(program, settings);
registerEventsCommands(program, settings);

await program.parseAsync(process.argv);
