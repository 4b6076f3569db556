import { Command } from 'commander';
import { registerPackCommands } from './pack/pack.command.js';
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

await program.parseAsync(process.argv);
