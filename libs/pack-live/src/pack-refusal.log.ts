import type { Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { PackApplied } from '@kt/contracts';
import { metricsRegistry } from '@kt/telemetry';
import type { PackTrustVerdict } from '@kt/pack';

/** Why a trusted-looking event was not applied: its signature, or (`stale`) its age: a replay. */
type Refusal = Extract<PackTrustVerdict, { ok: false }>['reason'] | 'stale';

const REASONS: Readonly<Record<Refusal, string>> = {
  unsigned: 'it carries no signature',
  'unknown-key': 'it is signed by a key not in KT_PACK_VERIFY_KEY_FILE',
  'bad-signature': 'its signature does not match its content (forged or tampered)',
  'no-verify-key': 'no KT_PACK_VERIFY_KEY_FILE is configured',
  stale: 'it is not newer than the newest pack event this instance applied (a replayed record)',
};

/** One line per refusal at most every `intervalMs`, so a flood of forged records cannot flood the log. */
const LOG_INTERVAL_MS = 10_000;
const FIELD_CAP = 64;

let counter: Counter<'reason'> | undefined;

function refusedCounter(): Counter<'reason'> {
  counter ??= new Counter({
    name: 'kt_pack_events_refused_total',
    help: 'pack events from kt.pack-events.v1 not applied: their signature could not be trusted, or they were stale (replayed)',
    labelNames: ['reason'],
    registers: [metricsRegistry()],
  });
  return counter;
}

/** Counts every refused pack event and logs them, bounded in length and rate. */
export class PackRefusalLog {
  private lastLogAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    refusedCounter();
  }

  refused(event: PackApplied, reason: Refusal, keeps: string): void {
    refusedCounter().inc({ reason });
    const at = this.now();
    if (at - this.lastLogAt < LOG_INTERVAL_MS) {
      this.suppressed += 1;
      return;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more refused since the last report)` : '';
    this.lastLogAt = at;
    this.suppressed = 0;
    this.logger.error(
      `refused pack event ${cap(event.pack.name)}@${cap(event.pack.version)} (applied by ${cap(event.applied_by)}): ` +
        `${REASONS[reason]}; ${keeps} stays in force${more}`,
    );
  }
}

function cap(value: string): string {
  return JSON.stringify(value.length > FIELD_CAP ? `${value.slice(0, FIELD_CAP)}…` : value);
}
