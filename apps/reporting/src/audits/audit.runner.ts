import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, highWatermarks, offsetsForTime, replayRange, type BusClient, type Watermarks } from '@kt/bus';
import { decodeRouteEvent } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { EntryComparison, diffHourlyRollups, totalsOfEntries } from './audit.compare.js';
import { AuditLiveReader, ledgerLag, type AuditSnapshot } from './audit.live.reader.js';
import type { AuditRecord, AuditResult } from './audit.record.js';
import { ScratchProjection, wholeHours, type AuditRange } from './audit.scratch.js';
import { AUDIT_SETTINGS, type AuditSettings } from './audit.settings.js';
import { AuditStore } from './audit.store.js';

/**
 * Runs audits in the background: replays the range's records into a scratch projection, waits
 * (bounded) for the ledger to reach the same watermarks, then compares with one snapshot of the
 * live tables, replaying first whatever the snapshot's checkpoints hold beyond those watermarks.
 */
@Injectable()
export class AuditRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('audits');
  private readonly live: AuditLiveReader;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
    private readonly store: AuditStore,
  ) {
    this.live = new AuditLiveReader(ds);
  }

  /** Registers an audit of `[since, until)` and starts it; the record is updated as it runs. */
  start(range: AuditRange, requestedBy: string | null): AuditRecord {
    const record = this.store.create({
      since: new Date(range.sinceMs).toISOString(),
      until: new Date(range.untilMs).toISOString(),
      requestedBy,
      now: new Date(),
    });
    const run = this.run(record, range).then(
      (result) => {
        record.result = result;
        record.status = 'done';
      },
      (error: unknown) => {
        record.error = error instanceof Error ? error.message : String(error);
        record.status = 'failed';
        this.logger.warn(`audit ${record.id} failed: ${record.error}`);
      },
    );
    const tracked = run.finally(() => {
      record.phase = 'finished';
      record.finishedAt = new Date().toISOString();
      this.inFlight.delete(tracked);
    });
    this.inFlight.add(tracked);
    return record;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort(new Error('reporting is shutting down'));
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(record: AuditRecord, range: AuditRange): Promise<AuditResult> {
    const { topic, ledgerGroup } = this.settings;
    const watermarks = await highWatermarks(this.kafka, topic);
    const from = await offsetsForTime(this.kafka, topic, range.sinceMs - this.settings.skewMs);
    record.progress.total = span(from, watermarks);
    const scratch = new ScratchProjection(range, this.settings.maxEvents);
    const undecodable = { count: 0 };
    await this.replay(record, scratch, { from, until: watermarks }, undecodable);
    record.phase = 'waiting_for_ledger';
    await this.waitForLedger(watermarks);
    return this.live.snapshot(async (snapshot) => {
      const applied = await snapshot.checkpoints(ledgerGroup, topic);
      record.ledgerBehind = ledgerLag(watermarks, applied);
      // Traffic since the audit started that the snapshot already holds is replayed too, so both
      // sides end at the same offsets and an event in flight is never reported as extra.
      const tail = {
        from: mergeMax(from, watermarks),
        until: mergeMax(applied, watermarks),
      };
      record.progress.total += span(tail.from, tail.until);
      await this.replay(record, scratch, tail, undecodable);
      record.phase = 'comparing';
      return this.compare(range, scratch, undecodable.count, snapshot);
    });
  }

  private replay(
    record: AuditRecord,
    scratch: ScratchProjection,
    offsets: { readonly from: Watermarks; readonly until: Watermarks },
    undecodable: { count: number },
  ): Promise<void> {
    const opts = { ...offsets, signal: this.stopping.signal, groupPrefix: 'kt-audit' };
    return replayRange(this.kafka, this.settings.topic, opts, (_partition, messages) => {
      for (const m of messages) {
        const decoded = m.value === null ? null : decodeRouteEvent(m.value);
        if (decoded?.ok) scratch.take(decoded.value);
        else undecodable.count += 1;
      }
      record.progress.read += messages.length;
      return Promise.resolve();
    });
  }

  /** Polls the ledger's checkpoints until they reach `until` or the wait runs out. */
  private async waitForLedger(until: Watermarks): Promise<void> {
    const deadline = Date.now() + this.settings.ledgerWaitMs;
    const { ledgerGroup, topic } = this.settings;
    while (ledgerLag(until, await this.live.checkpoints(ledgerGroup, topic)) > 0) {
      if (Date.now() >= deadline || this.stopping.signal.aborted) return;
      await sleep(250);
    }
  }

  private async compare(
    range: AuditRange,
    scratch: ProjectionView,
    undecodable: number,
    snapshot: AuditSnapshot,
  ): Promise<AuditResult> {
    const entries = scratch.entries();
    const comparison = new EntryComparison(entries);
    const since = new Date(range.sinceMs).toISOString();
    const untilIso = new Date(range.untilMs).toISOString();
    for await (const page of snapshot.entries(since, untilIso, this.settings.pageSize))
      comparison.takeLive(page);
    const hours = wholeHours(range);
    const hourlyFrom = new Date(hours.firstMs).toISOString();
    const hourlyTo = new Date(Math.max(hours.firstMs, hours.endMs)).toISOString();
    const liveHourly = await snapshot.hourly(hourlyFrom, hourlyTo);
    const differences = [
      ...comparison.differences(),
      ...diffHourlyRollups(entries.values(), liveHourly, hours),
    ];
    return {
      equal: differences.length === 0,
      replayed: totalsOfEntries(entries.values()),
      live: comparison.live(),
      byProvider: comparison.byProvider(),
      differences: differences.slice(0, this.settings.maxListed),
      differenceCount: differences.length,
      events: entries.size,
      duplicates: scratch.duplicateCount(),
      undecodable,
      hourlyFrom,
      hourlyTo,
    };
  }
}

type ProjectionView = Pick<ScratchProjection, 'entries' | 'duplicateCount'>;

/** Per partition, the larger of the two offsets. */
function mergeMax(a: Watermarks, b: Watermarks): Watermarks {
  const out = new Map(b);
  for (const [p, o] of a) if (o > (out.get(p) ?? 0n)) out.set(p, o);
  return out;
}

function span(from: Watermarks, until: Watermarks): number {
  let total = 0n;
  for (const [p, high] of until) {
    const low = from.get(p) ?? 0n;
    if (high > low) total += high - low;
  }
  return Number(total);
}
