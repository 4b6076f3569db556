import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePackEvent, encodeEvent, type PackApplied } from '@kt/contracts';
import { describe, expect, it } from 'vitest';
import { writePackKeyPair } from './pack-key.files.js';
import { PackSigner } from './pack.signer.js';
import { PackVerifier } from './pack.verifier.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-pack-signing-'));
const current = writePackKeyPair(dir, 'current');
const next = writePackKeyPair(dir, 'next');
const stranger = writePackKeyPair(dir, 'stranger');
const signerOf = (files: { signingKeyFile: string }): PackSigner =>
  PackSigner.fromEnv({ KT_PACK_SIGNING_KEY_FILE: files.signingKeyFile })!;
const verifierFor = (...files: { verifyKeyFile: string }[]): PackVerifier => {
  const path = join(dir, `verify-${files.length}-${Math.random()}.pem`);
  writeFileSync(path, files.map((f) => readFileSync(f.verifyKeyFile, 'utf8')).join('\n'));
  return PackVerifier.fromEnv({ KT_PACK_VERIFY_KEY_FILE: path });
};

const event: PackApplied = {
  schema: 'kt.pack.v1',
  type: 'pack.applied',
  event_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  occurred_at: '2025-03-01T09:00:00Z',
  pack: { name: 'core', version: '1.0.0', sha256: 'a'.repeat(64) },
  applied_by: 'ops',
  content: 'targets:\n  - id: openai\n    base_url: https://api.openai.com/v1\n',
  source: 'api',
};

/** Through the wire, as a gateway sees it. */
const roundTrip = (e: PackApplied): PackApplied => {
  const decoded = decodePackEvent(encodeEvent(e));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
};

describe('pack signatures', () => {
  it('verifies what reporting signed, after a trip through the topic', () => {
    const signed = signerOf(current).sign(event);
    expect(signed.signature).toMatchObject({ alg: 'ed25519', key_id: current.keyId });
    expect(verifierFor(current).check(roundTrip(signed))).toEqual({ ok: true });
  });

  it('accepts either key during a rotation (several PEM blocks in one file)', () => {
    const verifier = verifierFor(current, next);
    expect(verifier.keyIds).toEqual([current.keyId, next.keyId]);
    expect(verifier.check(signerOf(next).sign(event))).toEqual({ ok: true });
    expect(verifier.check(signerOf(current).sign(event))).toEqual({ ok: true });
  });

  it.each([
    ['base_url', { content: event.content.replace('api.openai.com', 'attacker.example') }],
    ['name', { pack: { ...event.pack, name: 'other' } }],
    ['version', { pack: { ...event.pack, version: '9.9.9' } }],
    ['digest', { pack: { ...event.pack, sha256: 'b'.repeat(64) } }],
    ['author', { applied_by: 'mallory' }],
    ['time', { occurred_at: '2030-01-01T00:00:00Z' }],
  ])('refuses an event whose %s was changed after signing', (_field, change) => {
    const tampered = { ...signerOf(current).sign(event), ...change };
    expect(verifierFor(current).check(roundTrip(tampered))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses unsigned events, strangers, and a stranger posing under a trusted key id', () => {
    const verifier = verifierFor(current);
    expect(verifier.check(event)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifier.check(signerOf(stranger).sign(event))).toEqual({ ok: false, reason: 'unknown-key' });
    const forged = signerOf(stranger).sign(event);
    const posing = { ...forged, signature: { ...forged.signature!, key_id: current.keyId } };
    expect(verifier.check(posing)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses every remote pack without a verify key, unless the opt-out is explicit', () => {
    const none = PackVerifier.fromEnv({});
    expect(none.refusesAll).toBe(true);
    expect(none.check(signerOf(current).sign(event))).toEqual({ ok: false, reason: 'no-verify-key' });
    const optOut = PackVerifier.fromEnv({ KT_PACK_ALLOW_UNSIGNED: 'true' });
    expect(optOut.check(event)).toEqual({ ok: true });
  });

  it.each([
    [
      { KT_PACK_VERIFY_KEY_FILE: join(dir, 'missing.pem') },
      /^KT_PACK_VERIFY_KEY_FILE: the file cannot be read \(ENOENT\)$/,
    ],
    [
      { KT_PACK_VERIFY_KEY_FILE: current.signingKeyFile },
      /^KT_PACK_VERIFY_KEY_FILE: the file holds no PEM public key$/,
    ],
    [{ KT_PACK_ALLOW_UNSIGNED: 'yes' }, /^KT_PACK_ALLOW_UNSIGNED: expected true or false$/],
    [
      { KT_PACK_VERIFY_KEY_FILE: current.verifyKeyFile, KT_PACK_ALLOW_UNSIGNED: 'true' },
      /^KT_PACK_ALLOW_UNSIGNED: cannot be true while KT_PACK_VERIFY_KEY_FILE is set/,
    ],
  ])('refuses a bad verify setting %j naming the variable, not the path', (env, message) => {
    expect(() => PackVerifier.fromEnv(env)).toThrow(message);
  });

  it('refuses a signing key that is missing or not Ed25519', () => {
    expect(() => PackSigner.fromEnv({ KT_PACK_SIGNING_KEY_FILE: current.verifyKeyFile })).toThrow(
      /^KT_PACK_SIGNING_KEY_FILE: the file holds no PEM private key$/,
    );
    expect(PackSigner.fromEnv({})).toBeUndefined();
  });
});
