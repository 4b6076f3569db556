import type { FastifyInstance } from 'fastify';
import { adminServer, type SimControl } from './admin/admin.server.js';
import { anthropicSimulator } from './anthropic/anthropic.simulator.js';
import { azureSimulator } from './azure/azure.simulator.js';
import { DEFAULT_EMBEDDING_DIMENSIONS } from './embeddings/embedding.vector.js';
import type { FaultSpec, FaultSpecInput } from './faults/fault.model.js';
import { parseFaultSpec, type Parsed } from './faults/fault.parser.js';
import { originOf, VendorServer } from './http/vendor.server.js';
import { openAiSimulator } from './openai/openai.simulator.js';
import { DEFAULT_REPLY_TOKENS } from './reply/reply.plan.js';
import {
  DEFAULT_HOST,
  DEFAULT_KEYS,
  DEFAULT_PORTS,
  type SimPort,
  type SimulatorOptions,
} from './sim.options.js';
import type { SimSettings, VendorRuntime } from './sim.settings.js';
import { RequestStats, type SimStats } from './stats/request.stats.js';
import { VENDORS, type Vendor } from './vendor.model.js';

export type { FaultSpec, FaultSpecInput, LatencySpec, ErrorStatus } from './faults/fault.model.js';
export type { SimStats, VendorStats } from './stats/request.stats.js';
export type { SimulatorOptions, SimPort } from './sim.options.js';
export type { Vendor } from './vendor.model.js';
export { countTokens, countInputTokens } from './reply/token.count.js';
export { DEFAULT_KEYS, DEFAULT_PORTS } from './sim.options.js';

/** Adding a vendor: one simulator file plus one line here. */
const SIMULATORS: Readonly<Record<Vendor, (runtime: VendorRuntime) => FastifyInstance>> = {
  openai: openAiSimulator,
  azure: azureSimulator,
  anthropic: anthropicSimulator,
};

/** The running simulators. URLs are origins (`http://127.0.0.1:41010`); OpenAI's SDK wants `${urls.openai}/v1`. */
export interface Simulators {
  readonly urls: Readonly<Record<SimPort, string>>;
  /** The first accepted key of each vendor. */
  readonly keys: Readonly<Record<Vendor, string>>;
  /** Replaces a vendor's faults (missing fields = no fault); throws on an invalid spec. Resolves once an outage change took effect. */
  setFaults(vendor: Vendor, spec: FaultSpecInput): Promise<void>;
  faults(vendor: Vendor): FaultSpec;
  /** Back to the start-up faults (outages lifted unless configured), stats zeroed. */
  reset(): Promise<void>;
  stats(): SimStats;
  stop(): Promise<void>;
}

/** Starts the OpenAI, Azure OpenAI and Anthropic simulators and their admin API. */
export async function startSimulators(options: SimulatorOptions = {}): Promise<Simulators> {
  const host = options.host ?? DEFAULT_HOST;
  const adminHost = options.adminHost ?? DEFAULT_HOST;
  const settings = settingsOf(options);
  const initial = initialFaults(options);
  const current: Record<Vendor, FaultSpec> = { ...initial };
  const keys = keysOf(options);
  const stats = new RequestStats();
  const random = options.random ?? Math.random;

  const servers = {} as Record<Vendor, VendorServer>;
  for (const vendor of VENDORS) {
    const runtime: VendorRuntime = {
      keys: new Set(keys[vendor]),
      faults: () => current[vendor],
      stats,
      random,
      settings,
    };
    servers[vendor] = new VendorServer(SIMULATORS[vendor](runtime), host, portOf(options, vendor));
  }
  // Outage switches of one vendor run one after another, so a quick off/on cannot interleave.
  const queues = Object.fromEntries(VENDORS.map((v) => [v, Promise.resolve()])) as Record<
    Vendor,
    Promise<void>
  >;
  const apply = (vendor: Vendor, spec: FaultSpec): Promise<void> => {
    current[vendor] = spec;
    const next = queues[vendor].then(() => servers[vendor].setListening(!spec.outage));
    queues[vendor] = next.catch(() => undefined);
    return next;
  };
  const control: SimControl = {
    faults: (vendor) => current[vendor],
    applyFaults: async (vendor, input): Promise<Parsed<FaultSpec>> => {
      const parsed = parseFaultSpec(input, vendor);
      if (parsed.ok) await apply(vendor, parsed.value);
      return parsed;
    },
    reset: async () => {
      stats.clear();
      await Promise.all(VENDORS.map((v) => apply(v, initial[v])));
    },
    stats: () => stats.snapshot(),
  };
  const admin = adminServer(control);

  const started: { stop(): Promise<void> }[] = [];
  try {
    for (const vendor of VENDORS) {
      await servers[vendor].start();
      started.push(servers[vendor]);
      if (initial[vendor].outage) await apply(vendor, initial[vendor]);
    }
    await admin.listen({ host: adminHost, port: portOf(options, 'admin') });
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }

  const adminPort = (admin.server.address() as { port: number }).port;
  const urls = {
    openai: servers.openai.url,
    azure: servers.azure.url,
    anthropic: servers.anthropic.url,
    admin: originOf(adminHost, adminPort),
  };
  return {
    urls,
    keys: { openai: keys.openai[0]!, azure: keys.azure[0]!, anthropic: keys.anthropic[0]! },
    setFaults: async (vendor, spec) => {
      const applied = await control.applyFaults(vendor, spec);
      if (!applied.ok) throw new Error(`invalid ${vendor} faults: ${applied.errors.join('; ')}`);
    },
    faults: control.faults,
    reset: control.reset,
    stats: control.stats,
    stop: async () => {
      await Promise.all([...VENDORS.map((v) => servers[v].stop()), admin.close()]);
    },
  };
}

function settingsOf(options: SimulatorOptions): SimSettings {
  const replyTokens = options.replyTokens ?? DEFAULT_REPLY_TOKENS;
  const embeddingDimensions = options.embeddingDimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(replyTokens) || replyTokens < 1)
    throw new Error(`replyTokens: expected a whole number >= 1, got ${replyTokens}`);
  if (!Number.isInteger(embeddingDimensions) || embeddingDimensions < 1 || embeddingDimensions > 4096) {
    throw new Error(
      `embeddingDimensions: expected a whole number from 1 to 4096, got ${embeddingDimensions}`,
    );
  }
  return { replyTokens, embeddingDimensions, azureDeployments: options.azureDeployments ?? {} };
}

function initialFaults(options: SimulatorOptions): Readonly<Record<Vendor, FaultSpec>> {
  const errors: string[] = [];
  const specs = {} as Record<Vendor, FaultSpec>;
  for (const vendor of VENDORS) {
    const parsed = parseFaultSpec(options.faults?.[vendor] ?? {}, vendor);
    if (parsed.ok) specs[vendor] = parsed.value;
    else errors.push(...parsed.errors.map((e) => `faults.${vendor}.${e}`));
  }
  if (errors.length > 0) throw new Error(`invalid faults: ${errors.join('; ')}`);
  return specs;
}

function keysOf(options: SimulatorOptions): Readonly<Record<Vendor, readonly string[]>> {
  const keys = {} as Record<Vendor, readonly string[]>;
  for (const vendor of VENDORS) {
    const given = options.keys?.[vendor] ?? DEFAULT_KEYS[vendor];
    const list = typeof given === 'string' ? [given] : given;
    if (list.length === 0 || list.some((k) => k === ''))
      throw new Error(`keys.${vendor}: expected at least one non-empty key`);
    keys[vendor] = list;
  }
  return keys;
}

function portOf(options: SimulatorOptions, server: SimPort): number {
  return options.ports?.[server] ?? DEFAULT_PORTS[server];
}
