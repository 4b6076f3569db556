import { createHash } from 'node:crypto';

export type CallerRole = 'finance' | 'admin';

/** Who is calling, as handlers see it (`request.caller`): never the token itself. */
export interface Caller {
  readonly role: CallerRole;
  readonly name: string;
}

/** One accepted token: only its sha256 is kept in memory. */
export interface TokenEntry extends Caller {
  readonly sha256: Buffer;
}

const ROLES: readonly CallerRole[] = ['finance', 'admin'];
const HASHED = /^sha256:([0-9a-f]{64})$/i;

export function sha256Of(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Parses `REPORTING_TOKENS` (`role:name:secret,…`; secret = the token or `sha256:<hex>` of it).
 * Errors name the entry by position and name, never by its secret.
 */
export function parseReportingTokens(text: string): readonly TokenEntry[] {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    const where = `REPORTING_TOKENS entry ${index + 1}`;
    if (second < 0) throw new Error(`${where}: expected role:name:secret`);
    const role = entry.slice(0, first);
    const name = entry.slice(first + 1, second);
    const secret = entry.slice(second + 1);
    if (!isRole(role)) throw new Error(`${where}: role must be one of ${ROLES.join(', ')}, got '${role}'`);
    if (!/^[A-Za-z0-9._@-]+$/.test(name)) throw new Error(`${where}: name must be [A-Za-z0-9._@-]+`);
    if (secret === '') throw new Error(`${where} (${name}): secret is empty`);
    if (seen.has(name)) throw new Error(`${where}: name '${name}' is used twice`);
    seen.add(name);
    const hashed = HASHED.exec(secret);
    const sha256 = hashed?.[1] !== undefined ? Buffer.from(hashed[1], 'hex') : sha256Of(secret);
    return { role, name, sha256 };
  });
}

function isRole(value: string): value is CallerRole {
  return (ROLES as readonly string[]).includes(value);
}
