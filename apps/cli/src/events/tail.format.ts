// `kt events tail`: one line per route event, and the watermark that decides what is new.
import { isUnpricedUse, noProviderLabel } from '@kt/spend';
import { costText } from '../spend/unpriced.format.js';

/** The parts of a stored route event the tail shows (read defensively: it crosses a process boundary). */
export interface TailEvent {
  readonly event_id: string;
  readonly request_id: string;
  readonly occurred_at: string;
  readonly type: string;
  readonly status: number;
  readonly group: string | null;
  readonly requested_model: string;
  readonly caller: { readonly key_id: string; readonly team: string | null } | null;
  readonly served: { readonly target: string; readonly provider: string } | null;
  readonly attempts: readonly { readonly target: string; readonly provider: string }[];
  readonly usage: { readonly input_tokens: number; readonly output_tokens: number };
  readonly cost: { readonly micro_usd: string; readonly priced_by?: string };
}

export function isTailEvent(value: unknown): value is TailEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<TailEvent>;
  return (
    typeof e.event_id === 'string' &&
    typeof e.occurred_at === 'string' &&
    typeof e.type === 'string' &&
    Array.isArray(e.attempts) &&
    typeof e.usage?.input_tokens === 'number' &&
    typeof e.cost?.micro_usd === 'string'
  );
}

/** `occurred_at  type  status  provider/target  group  model  team  in→out tok  $usd  request_id`. */
export function formatEventLine(e: TailEvent): string {
  const last = e.attempts.at(-1);
  const where = e.served ?? last;
  return [
    e.occurred_at,
    e.type.replace(/^route\./, ''),
    String(e.status),
    where === undefined || where === null
      ? noProviderLabel('', e.type === 'route.rejected')
      : `${where.provider}/${where.target}`,
    e.group ?? '-',
    e.requested_model === '' ? '-' : e.requested_model,
    e.caller?.team ?? '-',
    `${e.usage.input_tokens}→${e.usage.output_tokens} tok`,
    eventCost(e),
    e.request_id,
  ].join('  ');
}

/** The cost, or "unpriced" for tokens no price covered (a `$0.000000` would claim a price). */
function eventCost(e: TailEvent): string {
  const unpriced = isUnpricedUse(e.cost.priced_by, e.usage.input_tokens, e.usage.output_tokens);
  const text = costText(e.cost.micro_usd, unpriced, '$');
  return e.cost.priced_by === 'estimate' ? `${text} (estimated)` : text;
}

/** Oldest first, ties by event id, so a tail reads like a log. */
export function oldestFirst<T extends { readonly occurred_at: string; readonly event_id: string }>(
  events: readonly T[],
): T[] {
  return [...events].sort(
    (a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.event_id.localeCompare(b.event_id),
  );
}

/**
 * What has been printed. Events reach the ledger a little after they occur, so each poll looks
 * back `overlapMs` before the newest event seen, and ids already printed are skipped.
 */
export class TailWatermark {
  private readonly seen = new Map<string, number>();
  private newestMs: number;

  constructor(
    since: Date,
    private readonly overlapMs: number,
  ) {
    this.newestMs = since.getTime();
  }

  /** Where the next poll starts. */
  get since(): Date {
    return new Date(Math.max(0, this.newestMs - this.overlapMs));
  }

  /** The events not printed yet, oldest first; remembers them. */
  admit<T extends { readonly occurred_at: string; readonly event_id: string }>(events: readonly T[]): T[] {
    const fresh = oldestFirst(events.filter((e) => !this.seen.has(e.event_id)));
    for (const e of fresh) {
      const at = Date.parse(e.occurred_at);
      this.seen.set(e.event_id, at);
      if (at > this.newestMs) this.newestMs = at;
    }
    // Ids older than the look-back can no longer come back: forget them so memory stays bounded.
    const horizon = this.since.getTime();
    for (const [id, at] of this.seen) if (at < horizon) this.seen.delete(id);
    return fresh;
  }
}
