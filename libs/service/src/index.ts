export { bootstrapService, type ServiceOptions } from './service.bootstrap.js';
export { loadEnv, EnvValidationError } from './env.validation.js';
export { HealthModule } from './health.module.js';
export { ApiDocsModule, type ApiDocsOptions } from './api-docs.module.js';
export {
  ReadinessService,
  type ReadinessCheck,
  type ReadinessOptions,
  type ReadinessReport,
  type ReadinessVerdict,
} from './readiness.service.js';
export {
  parseServiceTokens,
  sha256Of,
  TokenRegistry,
  bearerToken,
  routePattern,
  BearerAuthenticationError,
  type AuthenticationCode,
  type Caller,
  type TokenEntry,
  type TokenListSpec,
  type RoutedRequest,
} from './auth/index.js';
