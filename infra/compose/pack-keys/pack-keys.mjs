// The compose suite's pack-signing key pair (docs/operations.md, Pack signing). Runs in the kt
// image as uid 10001 before reporting, the gateway and the prober start, and writes into two
// volumes so the private key is mounted into reporting only:
//   PACK_SIGNING_DIR/signing.key.pem   Ed25519 private key (KT_PACK_SIGNING_KEY_FILE, reporting)
//   PACK_VERIFY_DIR/verify.pub.pem     public key(s) (KT_PACK_VERIFY_KEY_FILE, gateway and prober)
// Commands (`docker compose run --rm pack-keys <command>`):
//   ensure  (default) create the pair once; an existing key is kept, so restarts change nothing
//   rotate  a new private key; its public key is added to the verify file beside the old ones
//   prune   keep only the current key's public key in the verify file
// Prints key ids only, never a key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const signingFile = join(process.env.PACK_SIGNING_DIR ?? '/var/lib/kt/pack-keys/signing', 'signing.key.pem');
const verifyFile = join(process.env.PACK_VERIFY_DIR ?? '/var/lib/kt/pack-keys/verify', 'verify.pub.pem');
const PUBLIC_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----\n?/g;

/** The id gateways log and count refusals by: libs/pack's packKeyId (SHA-256 of the SPKI DER, 16 hex digits). */
const keyId = (publicKey) =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
const publicPem = (privateKey) => createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });

/** Write beside the target, then rename: a crash never leaves a half-written key for a service to read. */
function writeAtomically(path, text, mode) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, path);
}

function newSigningKey() {
  const { privateKey } = generateKeyPairSync('ed25519');
  writeAtomically(signingFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  return privateKey;
}

function currentSigningKey() {
  const key = createPrivateKey(readFileSync(signingFile, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('signing.key.pem holds no Ed25519 private key');
  return key;
}

const verifyBlocks = () =>
  existsSync(verifyFile) ? (readFileSync(verifyFile, 'utf8').match(PUBLIC_PEM) ?? []) : [];
const normalized = (block) => `${block.trim()}\n`;

/** The verify file with `pem` in it (first) and, unless `only`, the keys it already held. */
function writeVerifyFile(pem, only) {
  const kept = only
    ? []
    : verifyBlocks()
        .map(normalized)
        .filter((block) => block !== normalized(pem));
  writeAtomically(verifyFile, [normalized(pem), ...kept].join(''), 0o644);
  return 1 + kept.length;
}

function main(command) {
  if (command === 'ensure') {
    if (existsSync(signingFile)) {
      const key = currentSigningKey();
      const pem = publicPem(key);
      // A verify volume recreated on its own gets the current key back; one already holding it is left alone.
      if (!verifyBlocks().map(normalized).includes(normalized(pem))) writeVerifyFile(pem, false);
      return `pack signing key ${keyId(createPublicKey(key))} present, nothing to do`;
    }
    // A fresh pair trusts only itself: keys of a lost private key are not carried over.
    const key = newSigningKey();
    writeVerifyFile(publicPem(key), true);
    return `pack signing key ${keyId(createPublicKey(key))} created`;
  }
  if (command === 'rotate') {
    const key = newSigningKey();
    const count = writeVerifyFile(publicPem(key), false);
    return `pack signing key ${keyId(createPublicKey(key))} created; the verify file holds ${count} key(s): restart the gateway and the prober, then reporting`;
  }
  if (command === 'prune') {
    const key = currentSigningKey();
    writeVerifyFile(publicPem(key), true);
    return `the verify file holds only key ${keyId(createPublicKey(key))}: restart the gateway and the prober`;
  }
  throw new Error('usage: pack-keys [ensure|rotate|prune]');
}

try {
  console.log(main(process.argv[2] ?? 'ensure'));
} catch (error) {
  // A system error names its code (EACCES on a volume the service user cannot write), never a key.
  console.error(`pack-keys: ${error.code ?? error.message}`);
  process.exit(1);
}
