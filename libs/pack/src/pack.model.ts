// The normalized, frozen pack the services use: defaults applied, aliases resolved, camelCase.
// Built once at load and trusted afterwards (no re-validation on the hot path).
import type { ModelPrice, PriceRates, PriceTier } from '@kt/contracts';
import type {
  FallbackTrigger,
  HealthCheckKind,
  ModelKind,
  StrategyName,
  UnpricedPolicy,
  Vendor,
} from './pack.vocabulary.js';

export interface RoutingPolicy {
  readonly strategy: StrategyName;
  /** Samples a target needs before latency/throughput strategies trust its numbers. */
  readonly minSampleCount: number;
  readonly windowSeconds: number;
}

export interface RetryPolicy {
  /** Retries per target before moving on. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  /** Also the cap on honouring an upstream Retry-After. */
  readonly maxDelayMs: number;
}

export interface FallbackPolicy {
  readonly enabled: boolean;
  readonly triggers: readonly FallbackTrigger[];
  readonly maxFallbackAttempts: number;
  readonly retry: RetryPolicy;
}

export interface CircuitBreakerPolicy {
  readonly enabled: boolean;
  readonly failureThreshold: number;
  readonly cooldownSeconds: number;
  readonly halfOpenMaxRequests: number;
}

export interface HealthCheckPolicy {
  readonly intervalSeconds: number;
  readonly timeoutMs: number;
  readonly kind: HealthCheckKind;
}

/** What a group demands of every target it routes to. */
export interface GroupDataPolicy {
  readonly requireZeroDataRetention: boolean;
  readonly requireNoTraining: boolean;
  readonly maxRetentionDays?: number;
}

/** What a provider target promises about the data sent to it. */
export interface TargetDataPolicy {
  readonly zeroDataRetention: boolean;
  readonly trainingOptOut: boolean;
  readonly retentionDays?: number;
}

/** A semantic route: prompts like its examples go to its target (of the group) or to another group. */
export interface SemanticRoute {
  readonly name: string;
  readonly examples: readonly string[];
  readonly target?: string;
  readonly group?: string;
}

export interface SemanticRouting {
  readonly routes: readonly SemanticRoute[];
  readonly embeddingTarget?: string;
  readonly threshold: number;
  readonly lexicalThreshold: number;
  readonly defaultRoute?: string;
  readonly timeoutMs: number;
}

export interface ModelGroup {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly fallbackGroup?: string;
  /** Target ids, in the order written (the `ordered` strategy relies on it). */
  readonly targets: readonly string[];
  /** The pack-wide routing with this group's overrides applied. */
  readonly routing: RoutingPolicy;
  readonly dataPolicy: GroupDataPolicy;
  /** Present when the group declares `routes` (strategy `semantic`). */
  readonly semantic?: SemanticRouting;
}

/**
 * A target's `pricing` (and the pack's `fallback_rate`), normalised to integer micro-USD per million
 * units: the one price shape of `@kt/contracts`, which pricing computes with.
 */
export type TargetRates = PriceRates;
export type TargetPriceTier = PriceTier;
export type TargetPricing = ModelPrice;

export interface Target {
  readonly id: string;
  readonly vendor: Vendor;
  readonly kind: ModelKind;
  readonly model: string;
  readonly weight: number;
  /** Name of the environment variable holding the API key (never the key itself). */
  readonly secretEnv?: string;
  /** False when `secretEnv` names an unset or empty variable. */
  readonly available: boolean;
  readonly unavailableReason?: string;
  readonly baseUrl?: string;
  readonly apiVersion?: string;
  /**
   * The model this target really runs, for pricing (`base_model`): an Azure deployment name, a
   * Bedrock model id or an OpenAI-compatible host's model name says nothing the catalog can match.
   */
  readonly baseModel?: string;
  readonly pricing?: TargetPricing;
  readonly timeoutMs?: number;
  /** The pack-wide health check with this target's overrides applied. */
  readonly healthCheck: HealthCheckPolicy;
  readonly dataPolicy: TargetDataPolicy;
}

/** The pack-wide `pricing:` section. */
export interface PackPricing {
  /** What a block budget does with a target that has no price: `refuse` (the default) or `reserve`. */
  readonly unpricedUnderBlockBudget: UnpricedPolicy;
  /**
   * Set exactly when the policy is `reserve`: the rate that prices (reserves and books, as priced
   * by the pack) every attempt at a target that neither its `pricing` nor the catalog prices.
   */
  readonly fallbackRate?: TargetPricing;
}

export interface GatewayKey {
  readonly id: string;
  /** Lowercase hex SHA-256 of the key; the key itself is never stored. */
  readonly sha256: string;
  readonly team: string;
}

export interface Pack {
  readonly name: string;
  readonly version: string;
  readonly enabled: boolean;
  readonly id?: string;
  readonly author?: string;
  readonly description?: string;
  /** Hex SHA-256 of the source text, for the config audit trail. */
  readonly sha256: string;
  /** Where the text came from (a file path), when known. */
  readonly source?: string;
  readonly routing: RoutingPolicy;
  readonly fallback: FallbackPolicy;
  readonly circuitBreaker: CircuitBreakerPolicy;
  readonly healthCheck: HealthCheckPolicy;
  readonly pricing: PackPricing;
  readonly groups: readonly ModelGroup[];
  readonly targets: readonly Target[];
  readonly authKeys: readonly GatewayKey[];
  readonly targetsById: ReadonlyMap<string, Target>;
  /** Every group under its name and each of its aliases. */
  readonly groupsByName: ReadonlyMap<string, ModelGroup>;
}
