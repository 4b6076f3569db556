import { verify, type KeyObject } from 'node:crypto';
import { packSigningPayload, type PackApplied } from '@kt/contracts';
import { readVerifyKeys, PackKeyConfigError } from './pack-key.files.js';

export const VERIFY_KEY_VAR = 'KT_PACK_VERIFY_KEY_FILE';
export const ALLOW_UNSIGNED_VAR = 'KT_PACK_ALLOW_UNSIGNED';

export type PackTrustVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'unsigned' | 'unknown-key' | 'bad-signature' | 'no-verify-key' };

/**
 * Decides whether a `pack.applied` event from Kafka may be applied. Anyone who reaches the broker
 * can write the topic, so the default is to trust only reporting's signature; without a verify key
 * remote packs are refused unless `KT_PACK_ALLOW_UNSIGNED=true` says the broker itself is trusted.
 */
export class PackVerifier {
  constructor(
    private readonly keys: ReadonlyMap<string, KeyObject>,
    /** Accept every event without checking (the explicit opt-out; only when no key is configured). */
    readonly acceptUnsigned = false,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): PackVerifier {
    const path = env[VERIFY_KEY_VAR]?.trim();
    const allow = env[ALLOW_UNSIGNED_VAR]?.trim().toLowerCase();
    if (allow !== undefined && allow !== '' && allow !== 'true' && allow !== 'false')
      throw new PackKeyConfigError(`${ALLOW_UNSIGNED_VAR}: expected true or false`);
    if (path) {
      if (allow === 'true')
        throw new PackKeyConfigError(
          `${ALLOW_UNSIGNED_VAR}: cannot be true while ${VERIFY_KEY_VAR} is set; unset one of them`,
        );
      return new PackVerifier(readVerifyKeys(VERIFY_KEY_VAR, path));
    }
    return new PackVerifier(new Map(), allow === 'true');
  }

  /** Whether remote pack events can ever be applied (for the boot warning). */
  get refusesAll(): boolean {
    return this.keys.size === 0 && !this.acceptUnsigned;
  }

  get keyIds(): readonly string[] {
    return [...this.keys.keys()];
  }

  check(event: PackApplied): PackTrustVerdict {
    if (this.acceptUnsigned) return { ok: true };
    if (this.keys.size === 0) return { ok: false, reason: 'no-verify-key' };
    if (event.signature === undefined) return { ok: false, reason: 'unsigned' };
    const key = this.keys.get(event.signature.key_id);
    if (key === undefined) return { ok: false, reason: 'unknown-key' };
    const { signature, ...signed } = event;
    const valid = verify(null, packSigningPayload(signed), key, Buffer.from(signature.value, 'base64'));
    return valid ? { ok: true } : { ok: false, reason: 'bad-signature' };
  }
}
