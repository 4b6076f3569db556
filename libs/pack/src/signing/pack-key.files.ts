import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Errors name the variable, never the path or the key. */
export class PackKeyConfigError extends Error {}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function packKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Reporting's Ed25519 private key from the PEM file named by `variable`. */
export function readSigningKey(variable: string, path: string): KeyObject {
  const text = readKeyFile(variable, path);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new PackKeyConfigError(`${variable}: the file holds no PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new PackKeyConfigError(`${variable}: expected an Ed25519 private key`);
  return key;
}

const PUBLIC_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** One or more Ed25519 public keys (PEM blocks, concatenated), by key id: old and new during a rotation. */
export function readVerifyKeys(variable: string, path: string): ReadonlyMap<string, KeyObject> {
  const blocks = readKeyFile(variable, path).match(PUBLIC_PEM) ?? [];
  if (blocks.length === 0) throw new PackKeyConfigError(`${variable}: the file holds no PEM public key`);
  const keys = new Map<string, KeyObject>();
  blocks.forEach((block, index) => {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new PackKeyConfigError(`${variable}: public key ${index + 1} cannot be read`);
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new PackKeyConfigError(`${variable}: public key ${index + 1} is not an Ed25519 key`);
    keys.set(packKeyId(key), key);
  });
  return keys;
}

function readKeyFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PackKeyConfigError(`${variable}: the file cannot be read (${code})`);
  }
}

export interface PackKeyPairFiles {
  /** For `KT_PACK_SIGNING_KEY_FILE` (reporting). */
  readonly signingKeyFile: string;
  /** For `KT_PACK_VERIFY_KEY_FILE` (gateways, prober). */
  readonly verifyKeyFile: string;
  readonly keyId: string;
}

/** A fresh Ed25519 key pair as two PEM files in `dir` (the private one readable by its owner only): tests and `kt up`. */
export function writePackKeyPair(dir: string, prefix = 'pack-signing'): PackKeyPairFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signingKeyFile = join(dir, `${prefix}.key.pem`);
  const verifyKeyFile = join(dir, `${prefix}.pub.pem`);
  writeFileSync(signingKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(verifyKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { signingKeyFile, verifyKeyFile, keyId: packKeyId(publicKey) };
}
