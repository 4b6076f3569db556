import { parseServiceTokens, type Caller, type TokenEntry } from '@kt/service';

/** `gateway` leases headroom; `finance` reads totals and budgets; `admin` also writes budgets and runs admin jobs. */
export type LedgerRole = 'gateway' | 'finance' | 'admin';

export type LedgerCaller = Caller<LedgerRole>;

export const LEDGER_ROLES: readonly LedgerRole[] = ['gateway', 'finance', 'admin'];

/**
 * Parses `LEDGER_TOKENS` (`role:name:secret,…`, secret plain or `sha256:<hex>`). An empty list is
 * refused too: a ledger nobody can call would only be reachable by disabling auth.
 */
export function parseLedgerTokens(text: string): readonly TokenEntry<LedgerRole>[] {
  const entries = parseServiceTokens(text, { variable: 'LEDGER_TOKENS', roles: LEDGER_ROLES });
  if (entries.length === 0) throw new Error('LEDGER_TOKENS lists no role:name:secret entry');
  return entries;
}
