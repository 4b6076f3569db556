import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import type { ProbeErrorKind } from '@kt/contracts';
import type { Target } from '@kt/pack';
import { errorKindForStatus, UpstreamError, type ProviderAdapters } from '@kt/providers';
import { modelsRequest, type ProbeEnv } from './models.request.js';
import type { ProbeOutcome } from './probe.outcome.js';

/**
 * Runs one health check of a target with its key, within its `timeout_ms`. Never throws: every
 * failure is an outcome with an error kind (the message, which could echo a URL, is dropped).
 */
export class TargetProber {
  constructor(
    private readonly adapters: ProviderAdapters,
    private readonly env: ProbeEnv,
  ) {}

  probe(target: Target, apiKey: string): Promise<ProbeOutcome> {
    return target.healthCheck.kind === 'completion'
      ? this.completion(target, apiKey)
      : this.models(target, apiKey);
  }

  private async models(target: Target, apiKey: string): Promise<ProbeOutcome> {
    const startedAtMs = Date.now();
    const began = performance.now();
    const done = (status: number, errorKind: ProbeErrorKind | null): ProbeOutcome => ({
      kind: 'models',
      startedAtMs,
      latencyMs: performance.now() - began,
      status,
      errorKind,
    });
    const built = modelsRequest(target, apiKey, this.env);
    if (typeof built === 'string') return done(0, 'connection_error');
    const signal = AbortSignal.timeout(target.healthCheck.timeoutMs);
    try {
      const response = await request(built.url, {
        method: 'GET',
        headers: { ...built.headers, accept: 'application/json' },
        signal,
      });
      const text = await response.body.text();
      const status = response.statusCode;
      if (status < 200 || status > 299) return done(status, errorKindForStatus(status));
      return done(status, isModelList(text) ? null : 'malformed_response');
    } catch {
      return done(0, signal.aborted ? 'timeout' : 'connection_error');
    }
  }

  private async completion(target: Target, apiKey: string): Promise<ProbeOutcome> {
    const startedAtMs = Date.now();
    const began = performance.now();
    const { timeoutMs } = target.healthCheck;
    const adapter = this.adapters.get(target.vendor);
    const done = (
      status: number,
      errorKind: ProbeErrorKind | null,
      completion?: ProbeOutcome['completion'],
    ): ProbeOutcome => ({
      kind: 'completion',
      startedAtMs,
      latencyMs: performance.now() - began,
      status,
      errorKind,
      ...(completion !== undefined && { completion }),
    });
    if (adapter === undefined) return done(0, 'connection_error');
    try {
      const response = await adapter.chat({
        // The health check's timeout governs, not the target's request timeout.
        target: {
          id: target.id,
          vendor: target.vendor,
          model: target.model,
          ...(target.baseUrl !== undefined && { baseUrl: target.baseUrl }),
          ...(target.apiVersion !== undefined && { apiVersion: target.apiVersion }),
        },
        apiKey,
        body: { model: target.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
        signal: AbortSignal.timeout(timeoutMs),
        timeouts: { connectMs: timeoutMs, totalMs: timeoutMs, firstTokenMs: timeoutMs },
      });
      return done(response.status, null, { upstreamModel: response.upstreamModel, usage: response.usage });
    } catch (error) {
      if (error instanceof UpstreamError) return done(error.status, error.errorKind);
      return done(0, 'connection_error');
    }
  }
}

/** A model list in OpenAI's, Azure's or Anthropic's shape: an object with a `data` array. */
function isModelList(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { data?: unknown }).data)
    );
  } catch {
    return false;
  }
}
