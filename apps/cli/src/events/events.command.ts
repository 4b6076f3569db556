// The `kt events …` command group: route events from reporting.
import type { Command } from 'commander';
import type { CliEnv } from '../shared/cli.settings.js';
import { registerExportCommand } from './export.command.js';
import { registerReplayCommand } from './replay.command.js';
import { registerTailCommand } from './tail.command.js';

export function registerEventsCommands(program: Command, env: CliEnv): void {
  const events = program
    .command('events')
    .description('route events: tail, export, audit replay (via reporting)');
  registerTailCommand(events, env);
  registerExportCommand(events, env);
  registerReplayCommand(events, env);
}
