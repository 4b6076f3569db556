import { TokenRegistry as ServiceTokenRegistry } from '@kt/service';
import type { CallerRole } from './reporting-tokens.parse.js';

/** Reporting's tokens (finance, admin), compared in constant time by the shared registry. */
export class TokenRegistry extends ServiceTokenRegistry<CallerRole> {}
