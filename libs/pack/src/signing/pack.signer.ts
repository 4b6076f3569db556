import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { packSigningPayload, type PackApplied } from '@kt/contracts';
import { packKeyId, readSigningKey } from './pack-key.files.js';

export const SIGNING_KEY_VAR = 'KT_PACK_SIGNING_KEY_FILE';

/** Signs `pack.applied` events with reporting's Ed25519 key; the key id tells gateways which public key to use. */
export class PackSigner {
  readonly keyId: string;

  constructor(private readonly key: KeyObject) {
    this.keyId = packKeyId(createPublicKey(key));
  }

  /** From `KT_PACK_SIGNING_KEY_FILE`; undefined when it is not set. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): PackSigner | undefined {
    const path = env[SIGNING_KEY_VAR]?.trim();
    return path ? new PackSigner(readSigningKey(SIGNING_KEY_VAR, path)) : undefined;
  }

  sign(event: Omit<PackApplied, 'signature'>): PackApplied {
    const value = sign(null, packSigningPayload(event), this.key).toString('base64');
    return { ...event, signature: { alg: 'ed25519', key_id: this.keyId, value } };
  }
}
