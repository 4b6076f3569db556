export {
  parseServiceTokens,
  sha256Of,
  type Caller,
  type TokenEntry,
  type TokenListSpec,
} from './service-tokens.parse.js';
export { TokenRegistry } from './token.registry.js';
export { bearerToken, routePattern, type RoutedRequest } from './bearer.token.js';
export { BearerAuthenticationError, type AuthenticationCode } from './authentication.error.js';
