import type { UtcTimestamp } from '../time/utc-time.js';
import type { PackRef } from './pack-ref.contract.js';
import type { PackSignature } from './pack-signature.contract.js';

/** Pack changes, on `kt.pack-events.v1`, keyed by pack name: hot reload and the config audit trail. */
export const PACK_SCHEMA = 'kt.pack.v1';

export const PACK_SOURCES = ['cli', 'file', 'api'] as const;
export type PackSource = (typeof PACK_SOURCES)[number];

export interface PackApplied {
  readonly schema: typeof PACK_SCHEMA;
  readonly type: 'pack.applied';
  readonly event_id: string;
  readonly occurred_at: UtcTimestamp;
  readonly pack: PackRef;
  /** Who applied it (user or service name); never a credential. */
  readonly applied_by: string;
  /** The pack's YAML text exactly as applied (`${VAR}` references unexpanded). */
  readonly content: string;
  readonly source: PackSource;
  /** Reporting's Ed25519 signature (see pack-signature.contract.ts); absent on unsigned events. */
  readonly signature?: PackSignature;
}

/** The topic's union (one member today). */
export type PackEvent = PackApplied;
