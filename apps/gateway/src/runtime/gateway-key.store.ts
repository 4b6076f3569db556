import { createHash } from 'node:crypto';

export interface Caller {
  readonly keyId: string;
  readonly team: string;
}

interface KeySource {
  readonly authKeys: readonly { readonly id: string; readonly sha256: string; readonly team: string }[];
}

/**
 * Gateway keys by their SHA-256: the pack's `auth.keys` plus `KT_API_KEYS` (`key:team,…`, for the demo
 * and tests). Only hashes are kept, so a key never sits in memory dumps, logs or events; env keys get
 * an id derived from their hash.
 */
export class GatewayKeyStore {
  private constructor(private readonly byHash: ReadonlyMap<string, Caller>) {}

  static from(pack: KeySource, envKeys: string | undefined): GatewayKeyStore {
    const byHash = new Map<string, Caller>();
    for (const key of pack.authKeys) byHash.set(key.sha256, { keyId: key.id, team: key.team });
    for (const entry of (envKeys ?? '').split(',')) {
      const trimmed = entry.trim();
      if (!trimmed) continue;
      const separator = trimmed.lastIndexOf(':');
      const key = separator > 0 ? trimmed.slice(0, separator) : trimmed;
      const team = separator > 0 ? trimmed.slice(separator + 1) : 'default';
      const hash = sha256(key);
      if (!byHash.has(hash)) byHash.set(hash, { keyId: `env-${hash.slice(0, 12)}`, team });
    }
    return new GatewayKeyStore(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The caller behind an `Authorization` (or `x-api-key`) header value, if the key is known. */
  authenticate(header: string | undefined): Caller | undefined {
    if (!header) return undefined;
    const token =
      header.startsWith('Bearer ') || header.startsWith('bearer ') ? header.slice(7).trim() : header.trim();
    if (!token) return undefined;
    return this.byHash.get(sha256(token));
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
