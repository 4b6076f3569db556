import { fail, isWireObject, literal, str, type WireObject } from '../validation/field.reader.js';
import type { PackApplied } from './pack.event.js';

/**
 * Reporting's signature over a `pack.applied` event. Gateways hot-reload from the topic and a pack
 * may set a target's `base_url`, so an event is applied only with a signature from a trusted key.
 */
export interface PackSignature {
  readonly alg: 'ed25519';
  /** Which key signed: the first 16 hex digits of the SHA-256 of its public key (SPKI DER), so keys can rotate. */
  readonly key_id: string;
  /** Base64 of the 64-byte Ed25519 signature over `packSigningPayload(event)`. */
  readonly value: string;
}

const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;
const DOMAIN = 'kt.pack-signature.v1';

/** Absent and null both read as unsigned; a present signature must be well formed. */
export function readPackSignature(o: WireObject, key: string, at: string): PackSignature | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isWireObject(v)) fail(at + key, 'an object when present', v);
  const path = `${at}${key}.`;
  const keyId = str(v, 'key_id', path);
  if (!KEY_ID.test(keyId)) fail(`${path}key_id`, '16 lowercase hex digits', keyId);
  const value = str(v, 'value', path);
  if (!BASE64_SIGNATURE.test(value)) fail(`${path}value`, 'a base64 Ed25519 signature', value);
  return { alg: literal(v, 'alg', path, 'ed25519'), key_id: keyId, value };
}

/**
 * The exact bytes signed: every field of the event but the signature, in a fixed order under a
 * domain tag (so no other kt signature can be replayed as a pack's). The YAML text carries the
 * targets, base URLs and everything else the gateway applies.
 */
export function packSigningPayload(event: Omit<PackApplied, 'signature'>): Buffer {
  return Buffer.from(
    JSON.stringify([
      DOMAIN,
      event.schema,
      event.type,
      event.event_id,
      event.occurred_at,
      event.pack.name,
      event.pack.version,
      event.pack.sha256,
      event.applied_by,
      event.source,
      event.content,
    ]),
    'utf8',
  );
}
