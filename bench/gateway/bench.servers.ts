import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { TargetName } from './bench.model.js';
import type { LoadRequest } from './load.runner.js';
import { startServer, type ServerProcess } from './server.process.js';

export const SIM_KEY = 'sim-openai-key';
export const KT_KEY = 'bench-key';
const QUESTION = 'Say hello in one short sentence.';

/** The request body every target gets, with the model name that target expects. */
export function requestBody(model: string): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content: QUESTION }], max_tokens: 16 });
}

const json = { 'content-type': 'application/json' } as const;

export function directRequest(simOrigin: string): LoadRequest {
  return {
    url: `${simOrigin}/v1/chat/completions`,
    headers: { ...json, authorization: `Bearer ${SIM_KEY}` },
    body: requestBody('gpt-4o-mini'),
  };
}

export function portkeyRequest(portkeyOrigin: string, simOrigin: string): LoadRequest {
  return {
    url: `${portkeyOrigin}/v1/chat/completions`,
    headers: {
      ...json,
      authorization: `Bearer ${SIM_KEY}`,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${simOrigin}/v1`,
    },
    body: requestBody('gpt-4o-mini'),
  };
}

export function ktRequest(ktOrigin: string): LoadRequest {
  return {
    url: `${ktOrigin}/v1/chat/completions`,
    headers: { ...json, authorization: `Bearer ${KT_KEY}` },
    body: requestBody('bench-model'),
  };
}

export interface RunningSimulator {
  readonly process: ServerProcess;
  /** `http://127.0.0.1:<port>` of the OpenAI simulator. */
  readonly openai: string;
}

/** The OpenAI simulator (and its siblings, unused) on free ports, zero latency, no faults. */
export async function startSimulator(root: string): Promise<RunningSimulator> {
  const proc = await startServer({
    name: 'provider-sim',
    command: process.execPath,
    args: [
      '--import',
      './bin/register.js',
      'apps/provider-sim/src/main.ts',
      ...['--openai-port', '0', '--azure-port', '0', '--anthropic-port', '0', '--admin-port', '0'],
    ],
    cwd: root,
  });
  try {
    const line = await proc.waitForLine((l) => l.includes('"ready":true'), 60_000);
    const ready = JSON.parse(line) as { readonly openai?: unknown };
    if (typeof ready.openai !== 'string') throw new Error(`unexpected ready line: ${line}`);
    return { process: proc, openai: ready.openai };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

/** Portkey's open-source gateway from npm, headless (no console UI), on `port`. */
export async function startPortkey(root: string, port: number): Promise<ServerProcess> {
  const proc = await startServer({
    name: 'portkey',
    command: process.execPath,
    args: [
      join(root, 'node_modules/@portkey-ai/gateway/build/start-server.js'),
      `--port=${port}`,
      '--headless',
    ],
    cwd: root,
  });
  try {
    await waitForStatus(`http://127.0.0.1:${port}/`, proc, 60_000);
    return proc;
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

export interface KtSettings {
  readonly port: number;
  readonly simOrigin: string;
  readonly kafkaBrokers: string;
  readonly pack: string;
  /** Its own spool, so a shared `.kt/spool` never receives (or later replays) bench events. */
  readonly spoolDir: string;
  /** Distinct per gateway: two kt gateways in one run must not share consumer groups. */
  readonly instanceId: string;
}

/** The kt gateway as its container runs it, with events on (a real Kafka). */
export function startKt(root: string, s: KtSettings): Promise<ServerProcess> {
  return startServer({
    name: 'kt-gateway',
    command: process.execPath,
    args: ['bin/kt-service.js', 'gateway'],
    cwd: root,
    env: {
      GATEWAY_PORT: String(s.port),
      KT_PACK: s.pack,
      OPENAI_API_KEY: SIM_KEY,
      OPENAI_BASE_URL: `${s.simOrigin}/v1`,
      KT_API_KEYS: `${KT_KEY}:bench`,
      KAFKA_BROKERS: s.kafkaBrokers,
      KT_SPOOL_DIR: s.spoolDir,
      KT_INSTANCE_ID: s.instanceId,
      // Its own checkout's path aliases: inherited from this process, bin/register.js would keep
      // ours, and kt of an earlier checkout (--before) would run this checkout's libraries.
      SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
    },
  });
}

/** Polls `url` until it answers 200; fails when the process exits or time runs out. */
export async function waitForStatus(url: string, proc: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc.hasExited()) throw new Error(`${proc.name} exited; its output:\n${proc.recentOutput()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const text = await response.text();
      if (response.status === 200) return;
      last = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await delay(250);
  }
  throw new Error(`${url} did not answer 200 in ${timeoutMs} ms (last: ${last})`);
}

export type TrialResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** One request as the load generator will send it: 200 with a chat completion, or why not. */
export async function trialRequest(target: TargetName, request: LoadRequest): Promise<TrialResult> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status !== 200)
      return { ok: false, reason: `trial request answered ${response.status}: ${oneLine(text)}` };
    const parsed = JSON.parse(text) as { readonly choices?: unknown };
    if (!Array.isArray(parsed.choices) || parsed.choices.length === 0)
      return { ok: false, reason: `trial request answered 200 without choices: ${oneLine(text)}` };
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `${target} trial request failed: ${message}` };
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}
