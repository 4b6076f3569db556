import { createHash } from 'node:crypto';

/** Who is calling, as handlers see it: never the token itself. */
export interface Caller<R extends string = string> {
  readonly role: R;
  readonly name: string;
}

/** One accepted token: only its sha256 is kept in memory. */
export interface TokenEntry<R extends string = string> extends Caller<R> {
  readonly sha256: Buffer;
}

/** Which variable is parsed (named in errors) and the roles it may grant. */
export interface TokenListSpec<R extends string> {
  readonly variable: string;
  readonly roles: readonly R[];
}

const HASHED = /^sha256:([0-9a-f]{64})$/i;
const NAME = /^[A-Za-z0-9._@-]+$/;

export function sha256Of(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Parses a service's token list (`role:name:secret,…`; secret = the token or `sha256:<hex>` of it),
 * e.g. `REPORTING_TOKENS` or `LEDGER_TOKENS`. Errors name the variable and the entry by position and
 * name, never by its secret.
 */
export function parseServiceTokens<R extends string>(text: string, spec: TokenListSpec<R>): TokenEntry<R>[] {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    const where = `${spec.variable} entry ${index + 1}`;
    if (second < 0) throw new Error(`${where}: expected role:name:secret`);
    const role = entry.slice(0, first);
    const name = entry.slice(first + 1, second);
    const secret = entry.slice(second + 1);
    if (!isRole(role, spec.roles)) {
      // The role given is not echoed: entries get shuffled, and a secret pasted first must not reach a log.
      throw new Error(`${where}: role must be one of ${spec.roles.join(', ')}`);
    }
    if (!NAME.test(name)) throw new Error(`${where}: name must be [A-Za-z0-9._@-]+`);
    if (secret === '') throw new Error(`${where} (${name}): secret is empty`);
    if (seen.has(name)) throw new Error(`${where}: name '${name}' is used twice`);
    seen.add(name);
    const hashed = HASHED.exec(secret);
    const sha256 = hashed?.[1] !== undefined ? Buffer.from(hashed[1], 'hex') : sha256Of(secret);
    return { role, name, sha256 };
  });
}

function isRole<R extends string>(value: string, roles: readonly R[]): value is R {
  return (roles as readonly string[]).includes(value);
}
