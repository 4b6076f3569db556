// Validated DTO → the frozen, camelCase pack with every default applied.
import type { PackDocumentDto } from './dto/pack-document.dto.js';
import type { ModelGroupDto } from './dto/model-group.dto.js';
import type { CircuitBreakerDto, FallbackDto, RoutingDto } from './dto/providers.dto.js';
import type { HealthCheckDto } from './dto/health-check.dto.js';
import type { PricingDto, PricingTierDto, TargetDto } from './dto/target.dto.js';
import {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FALLBACK,
  DEFAULT_HEALTH_CHECK,
  DEFAULT_ROUTING,
  DEFAULT_TARGET_WEIGHT,
  SEMANTIC_DEFAULTS,
} from './pack.defaults.js';
import type { Env } from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';
import { packPricing } from './pack-pricing.normalizer.js';
import type {
  CircuitBreakerPolicy,
  FallbackPolicy,
  HealthCheckPolicy,
  ModelGroup,
  Pack,
  RoutingPolicy,
  SemanticRouting,
  Target,
  TargetPricing,
  TargetRates,
} from './pack.model.js';
import { parseProviderRef } from './pack.vocabulary.js';
import { usdToMicroUsd } from '@kt/contracts';

export interface NormalizeInput {
  readonly document: PackDocumentDto;
  readonly sha256: string;
  readonly source?: string;
  readonly env: Env;
}

export function normalizePack({ document, sha256, source, env }: NormalizeInput): {
  pack: Pack;
  warnings: PackIssue[];
} {
  const { pack: info, providers } = document;
  const routing = routingPolicy(providers.routing, DEFAULT_ROUTING);
  const healthCheck = healthCheckPolicy(providers.health_check, DEFAULT_HEALTH_CHECK);
  const warnings: PackIssue[] = [];
  const targets = providers.targets.map((dto, index) => {
    const target = toTarget(dto, healthCheck, env);
    if (!target.available && target.secretEnv !== undefined) {
      warnings.push({
        path: `providers.targets[${index}].secret_key_ref.env`,
        message: `environment variable ${target.secretEnv} is not set; target "${target.id}" is unavailable`,
      });
    }
    return target;
  });
  const groups = providers.model_groups.map((dto) => toGroup(dto, routing));
  const pack: Pack = {
    name: info.name,
    version: info.version,
    enabled: info.enabled,
    ...(info.id !== undefined && { id: info.id }),
    ...(info.author !== undefined && { author: info.author }),
    ...(info.description !== undefined && { description: info.description }),
    sha256,
    ...(source !== undefined && { source }),
    routing,
    fallback: fallbackPolicy(providers.fallback),
    circuitBreaker: circuitBreakerPolicy(providers.circuit_breaker),
    healthCheck,
    pricing: packPricing(document.pricing),
    groups: Object.freeze(groups),
    targets: Object.freeze(targets),
    authKeys: Object.freeze(
      (document.auth?.keys ?? []).map((k) => Object.freeze({ id: k.id, sha256: k.sha256, team: k.team })),
    ),
    targetsById: new Map(targets.map((t) => [t.id, t])),
    groupsByName: new Map(groups.flatMap((g) => [g.name, ...g.aliases].map((name) => [name, g] as const))),
  };
  return { pack: Object.freeze(pack), warnings };
}

function routingPolicy(dto: RoutingDto | ModelGroupDto | undefined, base: RoutingPolicy): RoutingPolicy {
  return Object.freeze({
    strategy: dto?.strategy ?? base.strategy,
    minSampleCount: dto?.min_sample_count ?? base.minSampleCount,
    windowSeconds: dto?.window_seconds ?? base.windowSeconds,
  });
}

function healthCheckPolicy(dto: HealthCheckDto | undefined, base: HealthCheckPolicy): HealthCheckPolicy {
  return Object.freeze({
    intervalSeconds: dto?.interval_seconds ?? base.intervalSeconds,
    timeoutMs: dto?.timeout_ms ?? base.timeoutMs,
    kind: dto?.kind ?? base.kind,
  });
}

function fallbackPolicy(dto: FallbackDto | undefined): FallbackPolicy {
  const d = DEFAULT_FALLBACK;
  return Object.freeze({
    enabled: dto?.enabled ?? d.enabled,
    triggers: dto?.triggers === undefined ? d.triggers : Object.freeze([...new Set(dto.triggers)]),
    maxFallbackAttempts: dto?.max_fallback_attempts ?? d.maxFallbackAttempts,
    retry: Object.freeze({
      maxRetries: dto?.retry?.max_retries ?? d.retry.maxRetries,
      baseDelayMs: dto?.retry?.base_delay_ms ?? d.retry.baseDelayMs,
      maxDelayMs: dto?.retry?.max_delay_ms ?? d.retry.maxDelayMs,
    }),
  });
}

function circuitBreakerPolicy(dto: CircuitBreakerDto | undefined): CircuitBreakerPolicy {
  const d = DEFAULT_CIRCUIT_BREAKER;
  return Object.freeze({
    enabled: dto?.enabled ?? d.enabled,
    failureThreshold: dto?.failure_threshold ?? d.failureThreshold,
    cooldownSeconds: dto?.cooldown_seconds ?? dto?.recovery_timeout ?? d.cooldownSeconds,
    halfOpenMaxRequests: dto?.half_open_max_requests ?? d.halfOpenMaxRequests,
  });
}

function toGroup(dto: ModelGroupDto, routing: RoutingPolicy): ModelGroup {
  const policy = dto.data_policy;
  return Object.freeze({
    name: dto.name,
    aliases: Object.freeze([...(dto.aliases ?? [])]),
    ...(dto.fallback_group !== undefined && { fallbackGroup: dto.fallback_group }),
    targets: Object.freeze([...dto.targets]),
    routing: routingPolicy(dto, routing),
    dataPolicy: Object.freeze({
      requireZeroDataRetention: policy?.require_zero_data_retention ?? false,
      requireNoTraining: policy?.require_no_training ?? false,
      ...(policy?.max_retention_days !== undefined && { maxRetentionDays: policy.max_retention_days }),
    }),
    ...(dto.routes !== undefined && { semantic: semanticRouting(dto) }),
  });
}

function semanticRouting(dto: ModelGroupDto): SemanticRouting {
  const s = dto.semantic;
  return Object.freeze({
    routes: Object.freeze(
      (dto.routes ?? []).map((route) =>
        Object.freeze({
          name: route.name,
          examples: Object.freeze([...route.examples]),
          ...(route.target !== undefined && { target: route.target }),
          ...(route.group !== undefined && { group: route.group }),
        }),
      ),
    ),
    ...(s?.embedding_target !== undefined && { embeddingTarget: s.embedding_target }),
    threshold: s?.threshold ?? SEMANTIC_DEFAULTS.threshold,
    lexicalThreshold: s?.lexical_threshold ?? SEMANTIC_DEFAULTS.lexicalThreshold,
    ...(s?.default_route !== undefined && { defaultRoute: s.default_route }),
    timeoutMs: s?.timeout_ms ?? SEMANTIC_DEFAULTS.timeoutMs,
  });
}

function toTarget(dto: TargetDto, healthCheck: HealthCheckPolicy, env: Env): Target {
  const ref = parseProviderRef(dto.provider);
  // Validation has accepted the provider string, so this cannot happen for a validated DTO.
  if (ref === undefined) throw new Error(`unparsable provider of validated target ${dto.id}`);
  const secretEnv = dto.secret_key_ref?.env;
  const secret = secretEnv === undefined ? undefined : env[secretEnv];
  const available = secretEnv === undefined || (typeof secret === 'string' && secret !== '');
  const policy = dto.data_policy;
  return Object.freeze({
    id: dto.id,
    vendor: ref.vendor,
    kind: ref.kind,
    model: ref.model,
    weight: dto.weight ?? DEFAULT_TARGET_WEIGHT,
    ...(secretEnv !== undefined && { secretEnv }),
    available,
    ...(!available && { unavailableReason: `missing secret ${secretEnv}` }),
    ...(dto.base_url !== undefined && { baseUrl: dto.base_url }),
    ...(dto.api_version !== undefined && { apiVersion: dto.api_version }),
    ...(dto.base_model !== undefined && { baseModel: dto.base_model }),
    ...(dto.pricing !== undefined && { pricing: targetPricing(dto.pricing) }),
    ...(dto.timeout_ms !== undefined && { timeoutMs: dto.timeout_ms }),
    healthCheck: healthCheckPolicy(dto.health_check, healthCheck),
    dataPolicy: Object.freeze({
      zeroDataRetention: policy?.zero_data_retention ?? false,
      trainingOptOut: policy?.training_opt_out ?? false,
      ...(policy?.retention_days !== undefined && { retentionDays: policy.retention_days }),
    }),
  });
}

/** The pack's USD rates as integer micro-USD per million (tokens, or requests for the fee). */
function targetPricing(dto: PricingDto): TargetPricing {
  const tiers = dto.tiers?.map((tier) =>
    Object.freeze({ aboveInputTokens: tier.above_input_tokens, ...optionalRates(tier) }),
  );
  return Object.freeze({
    inputMicroUsdPerMillion: micro(dto.input_per_million),
    outputMicroUsdPerMillion: micro(dto.output_per_million),
    ...optionalRates(dto),
    ...(tiers !== undefined && { tiers: Object.freeze(tiers) }),
  });
}

function optionalRates(dto: Omit<PricingTierDto, 'above_input_tokens'>): Partial<TargetRates> {
  const rate = (usd: number | undefined) => (usd === undefined ? undefined : micro(usd));
  const rates: Partial<Record<keyof TargetRates, bigint | undefined>> = {
    inputMicroUsdPerMillion: rate(dto.input_per_million),
    outputMicroUsdPerMillion: rate(dto.output_per_million),
    cachedInputMicroUsdPerMillion: rate(dto.cache_read_per_million),
    cacheWriteMicroUsdPerMillion: rate(dto.cache_write_per_million),
    cacheWrite1hMicroUsdPerMillion: rate(dto.cache_write_1h_per_million),
    reasoningMicroUsdPerMillion: rate(dto.reasoning_per_million),
    // USD per 1,000 requests → micro-USD per million requests.
    requestMicroUsdPerMillion:
      dto.per_thousand_requests === undefined ? undefined : micro(dto.per_thousand_requests) * 1_000n,
  };
  return Object.fromEntries(Object.entries(rates).filter(([, v]) => v !== undefined)) as Partial<TargetRates>;
}

function micro(usd: number): bigint {
  const amount = usdToMicroUsd(usd);
  if (amount === undefined)
    throw new Error(`price ${usd} passed validation but is not representable in micro-USD`);
  return amount;
}
