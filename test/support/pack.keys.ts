import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackSigner, writePackKeyPair, type PackKeyPairFiles } from '@kt/pack';

let keys: PackKeyPairFiles | undefined;

/**
 * One Ed25519 pack-signing key pair per test process: reporting signs with it
 * (`KT_PACK_SIGNING_KEY_FILE`), gateways verify with it (`KT_PACK_VERIFY_KEY_FILE`).
 */
export function testPackKeys(): PackKeyPairFiles {
  keys ??= writePackKeyPair(mkdtempSync(join(tmpdir(), 'kt-test-pack-keys-')));
  return keys;
}

/** Signs as reporting would, for tests that write `kt.pack-events.v1` directly. */
export function testPackSigner(): PackSigner {
  return PackSigner.fromEnv({ KT_PACK_SIGNING_KEY_FILE: testPackKeys().signingKeyFile })!;
}
