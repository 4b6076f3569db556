// Values used when the pack leaves a setting out. Documented in the pack reference; changing one
// changes the behaviour of every pack that relies on it.
import type { CircuitBreakerPolicy, FallbackPolicy, HealthCheckPolicy, RoutingPolicy } from './pack.model.js';
import { FALLBACK_TRIGGERS } from './pack.vocabulary.js';

export const DEFAULT_ROUTING: RoutingPolicy = Object.freeze({
  strategy: 'weighted_round_robin',
  minSampleCount: 5,
  windowSeconds: 60,
});

export const DEFAULT_FALLBACK: FallbackPolicy = Object.freeze({
  enabled: false,
  triggers: Object.freeze([...FALLBACK_TRIGGERS]),
  maxFallbackAttempts: 3,
  retry: Object.freeze({ maxRetries: 1, baseDelayMs: 100, maxDelayMs: 2000 }),
});

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerPolicy = Object.freeze({
  enabled: true,
  failureThreshold: 5,
  cooldownSeconds: 30,
  halfOpenMaxRequests: 1,
});

export const DEFAULT_HEALTH_CHECK: HealthCheckPolicy = Object.freeze({
  intervalSeconds: 15,
  timeoutMs: 2000,
  kind: 'models',
});

export const DEFAULT_TARGET_WEIGHT = 1;

/** Semantic routing: cosine thresholds for embeddings and for the lexical fallback, and the embedding call's budget. */
export const SEMANTIC_DEFAULTS = Object.freeze({ threshold: 0.75, lexicalThreshold: 0.2, timeoutMs: 300 });
