// What the pack endpoints answer: one applied pack of `kt.pack-events.v1`, without or with its text.
import { createEventId, PACK_SCHEMA, type PackApplied, type PackSource, type UtcTimestamp } from '@kt/contracts';
import type { PackIdentity } from '@kt/pack';

export interface PackView {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly applied_at: string;
  readonly applied_by: string;
  readonly source: string;
  readonly event_id: string;
}

export interface PackContentView extends PackView {
  readonly content: string;
}

export function toPackView(event: PackApplied): PackView {
  return {
    name: event.pack.name,
    version: event.pack.version,
    sha256: event.pack.sha256,
    applied_at: event.occurred_at,
    applied_by: event.applied_by,
    source: event.source,
    event_id: event.event_id,
  };
}

export function toPackContentView(event: PackApplied): PackContentView {
  return { ...toPackView(event), content: event.content };
}

/** The record a validated pack becomes: who applied it and the text exactly as sent. */
export function packAppliedEvent(
  pack: PackIdentity,
  content: string,
  appliedBy: string,
  source: PackSource,
  occurredAt: UtcTimestamp,
): PackApplied {
  return {
    schema: PACK_SCHEMA,
    type: 'pack.applied',
    event_id: createEventId(),
    occurred_at: occurredAt,
    pack: { name: pack.name, version: pack.version, sha256: pack.sha256 },
    applied_by: appliedBy,
    content,
    source,
  };
}

export interface HistoryEntry {
  readonly event: PackApplied;
  readonly partition: number;
  readonly offset: bigint;
}

/** Newest first: by time applied, then by position in the topic (packs of one name share a partition). */
export function newestFirst(entries: readonly HistoryEntry[], name?: string): PackApplied[] {
  return entries
    .filter((entry) => name === undefined || entry.event.pack.name === name)
    .sort(
      (a, b) =>
        b.event.occurred_at.localeCompare(a.event.occurred_at) ||
        b.partition - a.partition ||
        (b.offset > a.offset ? 1 : b.offset < a.offset ? -1 : 0),
    )
    .map((entry) => entry.event);
}
