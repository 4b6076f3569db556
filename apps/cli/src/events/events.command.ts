// The `kt events …` command group: route events from reporting.
import type { Command } from 'commander';
import { registerExportCommand } from './export.command.js';
import { registerReplayCommand } from './replay.command.js';
import { registerTailCommand } from './tail.command.js';

export function registerEventsCommands(program: Command): void {
  const events = program
    .command('events')
    .description('route events: tail, export, audit replay (via reporting)');
  registerTailCommand(events);
  registerExportCommand(events);
  registerReplayCommand(events);
}
