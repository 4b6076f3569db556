import { Command, InvalidArgumentError, Option } from 'commander';
import type { FaultSpecInput } from '../faults/fault.model.js';
import { DEFAULT_HOST, DEFAULT_PORTS, type SimulatorOptions } from '../sim.options.js';
import { VENDORS, type Vendor } from '../vendor.model.js';

/** Raw option values as commander hands them over (after the argument parsers below). */
export interface SimCliValues {
  readonly host: string;
  readonly adminHost: string;
  readonly openaiPort: number;
  readonly azurePort: number;
  readonly anthropicPort: number;
  readonly adminPort: number;
  readonly openaiKeys?: readonly string[];
  readonly azureKeys?: readonly string[];
  readonly anthropicKeys?: readonly string[];
  readonly latency?: string;
  readonly errorRate?: number;
  readonly errorStatus?: number;
  readonly retryAfter?: number;
  readonly hang?: boolean;
  readonly streamCutAfter?: number;
  readonly streamStallAfter?: number;
  readonly malformed?: boolean;
  readonly openaiFaults?: Readonly<Record<string, unknown>>;
  readonly azureFaults?: Readonly<Record<string, unknown>>;
  readonly anthropicFaults?: Readonly<Record<string, unknown>>;
  readonly replyTokens?: number;
  readonly embeddingDimensions?: number;
  readonly azureDeployments?: Readonly<Record<string, string>>;
}

/** `provider-sim` flags; each has an environment alternative (`SIM_…`), flags win. */
export function simCommand(): Command {
  const option = (flags: string, description: string, env: string): Option =>
    new Option(flags, description).env(env);
  return new Command('provider-sim')
    .description('Simulated OpenAI, Azure OpenAI and Anthropic upstreams with fault injection')
    .addOption(option('--host <host>', 'interface the vendor servers bind', 'SIM_HOST').default(DEFAULT_HOST))
    .addOption(
      option('--admin-host <host>', 'interface the admin API binds', 'SIM_ADMIN_HOST').default(DEFAULT_HOST),
    )
    .addOption(
      option('--openai-port <port>', 'OpenAI port (0 = any free port)', 'SIM_OPENAI_PORT')
        .argParser(port)
        .default(DEFAULT_PORTS.openai),
    )
    .addOption(
      option('--azure-port <port>', 'Azure OpenAI port', 'SIM_AZURE_PORT')
        .argParser(port)
        .default(DEFAULT_PORTS.azure),
    )
    .addOption(
      option('--anthropic-port <port>', 'Anthropic port', 'SIM_ANTHROPIC_PORT')
        .argParser(port)
        .default(DEFAULT_PORTS.anthropic),
    )
    .addOption(
      option('--admin-port <port>', 'admin API port', 'SIM_ADMIN_PORT')
        .argParser(port)
        .default(DEFAULT_PORTS.admin),
    )
    .addOption(
      option(
        '--openai-keys <keys>',
        'accepted OpenAI keys, comma-separated (default sim-openai-key)',
        'SIM_OPENAI_KEYS',
      ).argParser(list),
    )
    .addOption(
      option(
        '--azure-keys <keys>',
        'accepted Azure keys (default sim-azure-key)',
        'SIM_AZURE_KEYS',
      ).argParser(list),
    )
    .addOption(
      option(
        '--anthropic-keys <keys>',
        'accepted Anthropic keys (default sim-anthropic-key)',
        'SIM_ANTHROPIC_KEYS',
      ).argParser(list),
    )
    .addOption(
      option(
        '--latency <spec>',
        'added time to first byte: ms, uniform:min:max or normal:mean:stddev',
        'SIM_LATENCY',
      ),
    )
    .addOption(
      option('--error-rate <rate>', 'share of requests failed, 0..1', 'SIM_ERROR_RATE').argParser(decimal),
    )
    .addOption(
      option(
        '--error-status <status>',
        'status of injected errors: 429, 500, 503 (529: Anthropic only)',
        'SIM_ERROR_STATUS',
      ).argParser(whole),
    )
    .addOption(
      option('--retry-after <seconds>', 'retry-after header of injected 429s', 'SIM_RETRY_AFTER').argParser(
        whole,
      ),
    )
    .addOption(option('--hang', 'accept requests and never answer', 'SIM_HANG'))
    .addOption(
      option(
        '--stream-cut-after <events>',
        'destroy streams after this many SSE events',
        'SIM_STREAM_CUT_AFTER',
      ).argParser(whole),
    )
    .addOption(
      option(
        '--stream-stall-after <events>',
        'stop streams after this many SSE events, holding the socket open',
        'SIM_STREAM_STALL_AFTER',
      ).argParser(whole),
    )
    .addOption(option('--malformed', 'answer 200 with a truncated body', 'SIM_MALFORMED'))
    .addOption(
      option(
        '--openai-faults <json>',
        'OpenAI fault spec (JSON), over the flags above',
        'SIM_OPENAI_FAULTS',
      ).argParser(json),
    )
    .addOption(option('--azure-faults <json>', 'Azure fault spec (JSON)', 'SIM_AZURE_FAULTS').argParser(json))
    .addOption(
      option('--anthropic-faults <json>', 'Anthropic fault spec (JSON)', 'SIM_ANTHROPIC_FAULTS').argParser(
        json,
      ),
    )
    .addOption(
      option('--reply-tokens <n>', 'text reply length in tokens (default 20)', 'SIM_REPLY_TOKENS').argParser(
        whole,
      ),
    )
    .addOption(
      option(
        '--embedding-dimensions <n>',
        'default embedding size (default 64)',
        'SIM_EMBEDDING_DIMENSIONS',
      ).argParser(whole),
    )
    .addOption(
      option(
        '--azure-deployments <map>',
        'Azure deployments as name=model,… (default: any deployment)',
        'SIM_AZURE_DEPLOYMENTS',
      ).argParser(deployments),
    );
}

/** Turns parsed flags into `startSimulators` options: the global fault flags, then each vendor's JSON over them. */
export function toSimulatorOptions(values: SimCliValues): SimulatorOptions {
  const shared: Record<string, unknown> = {};
  if (values.latency !== undefined) shared['latency'] = values.latency;
  if (values.errorRate !== undefined) shared['errorRate'] = values.errorRate;
  if (values.errorStatus !== undefined) shared['errorStatus'] = values.errorStatus;
  if (values.retryAfter !== undefined) shared['retryAfter'] = values.retryAfter;
  if (values.hang === true) shared['hang'] = true;
  if (values.streamCutAfter !== undefined) shared['streamCutAfter'] = values.streamCutAfter;
  if (values.streamStallAfter !== undefined) shared['streamStallAfter'] = values.streamStallAfter;
  if (values.malformed === true) shared['malformed'] = true;
  const own: Readonly<Record<Vendor, Readonly<Record<string, unknown>> | undefined>> = {
    openai: values.openaiFaults,
    azure: values.azureFaults,
    anthropic: values.anthropicFaults,
  };
  const faults = Object.fromEntries(
    VENDORS.map((v) => [v, { ...shared, ...own[v] } as FaultSpecInput]),
  ) as Record<Vendor, FaultSpecInput>;
  const keys: Partial<Record<Vendor, readonly string[]>> = {};
  if (values.openaiKeys !== undefined) keys.openai = values.openaiKeys;
  if (values.azureKeys !== undefined) keys.azure = values.azureKeys;
  if (values.anthropicKeys !== undefined) keys.anthropic = values.anthropicKeys;
  return {
    host: values.host,
    adminHost: values.adminHost,
    ports: {
      openai: values.openaiPort,
      azure: values.azurePort,
      anthropic: values.anthropicPort,
      admin: values.adminPort,
    },
    keys,
    faults,
    ...(values.replyTokens !== undefined ? { replyTokens: values.replyTokens } : {}),
    ...(values.embeddingDimensions !== undefined ? { embeddingDimensions: values.embeddingDimensions } : {}),
    ...(values.azureDeployments !== undefined ? { azureDeployments: values.azureDeployments } : {}),
  };
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

function whole(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('expected a whole number');
  return n;
}

function decimal(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

function list(value: string): readonly string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new InvalidArgumentError('expected at least one value');
  return items;
}

function json(value: string): Readonly<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InvalidArgumentError('expected a JSON object');
  return parsed as Record<string, unknown>;
}

function deployments(value: string): Readonly<Record<string, string>> {
  const map: Record<string, string> = {};
  for (const pair of list(value)) {
    const [name, model, ...rest] = pair.split('=');
    if (name === undefined || name === '' || model === undefined || model === '' || rest.length > 0) {
      throw new InvalidArgumentError(`expected name=model pairs, got "${pair}"`);
    }
    map[name] = model;
  }
  return map;
}
