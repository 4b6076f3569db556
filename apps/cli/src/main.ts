import { Command } from 'commander';
import { registerEventsCommands } from './events/events.command.js';
import { registerLedgerCommands } from './ledger/ledger.command.js';
import { registerPackCommands } from './pack/pack.command.js';
import { registerSpendCommands } from './spend/spend.command.js';
import { registerTargetsCommands } from './targets/targets.command.js';
import { registerUpCommand } from './up/up.command.js';

const program = new Command('kt')
  .description('kt: governed multi-provider AI gateway — operator commands')
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

registerUpCommand(program);
registerPackCommands(program);
registerTargetsCommands(program);
registerSpendCommands(program);
registerLedgerCommands(program);
registerEventsCommands(program);

await program.parseAsync(process.argv);
