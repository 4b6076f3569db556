import { simCommand, toSimulatorOptions, type SimCliValues } from './cli/sim.cli.js';
import { startSimulators, type Simulators } from './simulator.js';

// Boots the simulators and nothing else; the ready line is the contract `kt up` and scripts wait for.
let sims: Simulators | undefined = undefined;
let stopping = false;

const fail = (error: unknown): never => {
  process.stderr.write(`provider-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  (sims?.stop() ?? Promise.resolve()).then(() => process.exit(0), fail);
};
// Installed before start-up, so a signal that arrives while ports are opening still exits cleanly.
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

const command = simCommand().parse();
sims = await startSimulators(toSimulatorOptions(command.opts<SimCliValues>())).catch(fail);
process.stdout.write(`${JSON.stringify({ ready: true, ...sims.urls })}\n`);
