import {
  startSimulators,
  type SimulatorOptions,
  type Simulators,
} from '../../apps/provider-sim/src/simulator.js';

/** Simulators on free ports, so suites never collide with a running `kt up`. */
export function startTestSimulators(options: SimulatorOptions = {}): Promise<Simulators> {
  return startSimulators({ ...options, ports: { openai: 0, azure: 0, anthropic: 0, admin: 0 } });
}

/** Collects everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
