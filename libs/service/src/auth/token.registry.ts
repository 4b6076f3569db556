import { timingSafeEqual } from 'node:crypto';
import { sha256Of, type Caller, type TokenEntry } from './service-tokens.parse.js';

/**
 * Finds the caller of a bearer token. Every entry is compared (constant time, fixed-length
 * digests) so the time taken says nothing about which token, or how much of one, matched.
 */
export class TokenRegistry<R extends string = string> {
  constructor(private readonly entries: readonly TokenEntry<R>[]) {}

  identify(token: string): Caller<R> | undefined {
    const digest = sha256Of(token);
    let found: Caller<R> | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.sha256, digest) && found === undefined) {
        found = { role: entry.role, name: entry.name };
      }
    }
    return found;
  }
}
