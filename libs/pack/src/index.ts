export type {
  CircuitBreakerPolicy,
  FallbackPolicy,
  GatewayKey,
  GroupDataPolicy,
  HealthCheckPolicy,
  ModelGroup,
  Pack,
  PackPricing,
  RetryPolicy,
  RoutingPolicy,
  SemanticRoute,
  SemanticRouting,
  Target,
  TargetDataPolicy,
  TargetPricing,
} from './pack.model.js';
export type { PackIssue, PackResult } from './pack.issue.js';
export { formatIssues } from './pack.issue.js';
export type { Env } from './pack.interpolation.js';
export { parsePack, type ParsePackOptions } from './pack.parser.js';
export { loadPackFile } from './pack.loader.js';
export { findGroup, findTarget, groupTargets } from './pack.lookup.js';
export {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_FALLBACK,
  DEFAULT_HEALTH_CHECK,
  DEFAULT_ROUTING,
  DEFAULT_TARGET_WEIGHT,
  SEMANTIC_DEFAULTS,
} from './pack.defaults.js';
export {
  FALLBACK_TRIGGERS,
  HEALTH_CHECK_KINDS,
  MODEL_KINDS,
  STRATEGY_NAMES,
  UNPRICED_POLICIES,
  VENDORS,
  parseProviderRef,
  type FallbackTrigger,
  type HealthCheckKind,
  type ModelKind,
  type ProviderRef,
  type StrategyName,
  type UnpricedPolicy,
  type Vendor,
} from './pack.vocabulary.js';
export {
  validatePackReferences,
  type PackIdentity,
  type ReferenceValidation,
} from './pack-references.validation.js';
export {
  PackKeyConfigError,
  packKeyId,
  writePackKeyPair,
  type PackKeyPairFiles,
} from './signing/pack-key.files.js';
export { PackSigner, SIGNING_KEY_VAR } from './signing/pack.signer.js';
export {
  ALLOW_UNSIGNED_VAR,
  PackVerifier,
  VERIFY_KEY_VAR,
  type PackTrustVerdict,
} from './signing/pack.verifier.js';
