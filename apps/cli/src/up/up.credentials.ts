// Secrets `kt up` makes once per data dir and reuses on every later run: the gateway's service
// token for the ledger (random: no two data dirs share it) and the pack-signing key pair.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataDirLayout } from './data-dir.js';

export interface UpCredentials {
  /** The gateway's token for the ledger's lease API (role `gateway`). */
  readonly gatewayToken: string;
  /** Ed25519 private key (PKCS#8 PEM, mode 0600) reporting signs pack events with. */
  readonly signingKeyFile: string;
  /** Its public key (SPKI PEM) the gateways verify pack events with. */
  readonly verifyKeyFile: string;
}

interface StoredCredentials {
  readonly ledger_gateway_token?: unknown;
}

export function loadOrCreateCredentials(layout: DataDirLayout): UpCredentials {
  return {
    gatewayToken: gatewayToken(layout.credentials),
    ...packKeys(layout.keys),
  };
}

function gatewayToken(file: string): string {
  if (existsSync(file)) {
    let stored: StoredCredentials;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as StoredCredentials;
    } catch {
      // The contents are secrets: never echo them.
      throw new Error(`${file} is not valid JSON; delete it and kt up writes a new one`);
    }
    if (typeof stored.ledger_gateway_token === 'string' && stored.ledger_gateway_token.length >= 32) {
      return stored.ledger_gateway_token;
    }
    throw new Error(`${file} holds no usable ledger_gateway_token; delete it and kt up writes a new one`);
  }
  const token = `kt-gw-${randomBytes(24).toString('base64url')}`;
  writeSecret(file, `${JSON.stringify({ ledger_gateway_token: token }, null, 2)}\n`);
  return token;
}

function packKeys(dir: string): Pick<UpCredentials, 'signingKeyFile' | 'verifyKeyFile'> {
  const signingKeyFile = join(dir, 'pack-signing.pem');
  const verifyKeyFile = join(dir, 'pack-verify.pem');
  if (!existsSync(signingKeyFile) || !existsSync(verifyKeyFile)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeSecret(signingKeyFile, privateKey);
    writeFileSync(verifyKeyFile, publicKey, { mode: 0o644 });
  }
  return { signingKeyFile, verifyKeyFile };
}

/** Mode 0600 even when the file already existed with a wider mode. */
function writeSecret(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}
