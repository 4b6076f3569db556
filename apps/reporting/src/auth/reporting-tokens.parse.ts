import {
  parseServiceTokens,
  type Caller as ServiceCaller,
  type TokenEntry as ServiceTokenEntry,
} from '@kt/service';

export type CallerRole = 'finance' | 'admin';

/** Who is calling, as handlers see it (`request.caller`): never the token itself. */
export type Caller = ServiceCaller<CallerRole>;

/** One accepted token: only its sha256 is kept in memory. */
export type TokenEntry = ServiceTokenEntry<CallerRole>;

const ROLES: readonly CallerRole[] = ['finance', 'admin'];

export { sha256Of } from '@kt/service';

/** Parses `REPORTING_TOKENS` with the shared parser (errors name the entry, never its secret). */
export function parseReportingTokens(text: string): readonly TokenEntry[] {
  return parseServiceTokens(text, { variable: 'REPORTING_TOKENS', roles: ROLES });
}
