import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { KAFKA, type BusClient, type BusRecord, replayRange, topicId, topicWatermarks } from '@kt/bus';
import { decodeRouteEvent } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import {
  applyRow,
  describeDifference,
  diffRollups,
  LIVE_TABLES,
  readSpendRows,
  type SpendRow,
  toEntryRow,
} from '@kt/spend';
import { readRefused, withoutRefused } from '../projection/dead-letter.store.js';
import { LEDGER_SETTINGS, type LedgerSettings } from '../projection/ledger.settings.js';
import { logIdentity, type TopicIdRead } from '../projection/log.identity.js';
import { partitionAccounts, track, type PartitionAccount, type VerifyReport } from './verify.report.js';

export type { VerifyReport } from './verify.report.js';

export const DEFAULT_VERIFY_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

interface Snapshot {
  readonly checkpoints: Map<number, bigint>;
  readonly rows: SpendRow[];
  readonly refused: Map<string, string>;
}

/**
 * "Everything in the log is accounted for": captures each partition's end at the call, waits
 * (bounded) until the live checkpoints reach those ends, then recomputes every rollup row from the
 * topic up to the checkpoints and compares with `spend_hourly`. Checkpoints, rows and the refused
 * records are read in one REPEATABLE READ snapshot, so both sides describe the same instant however
 * many replicas keep projecting. Lag left at the end, a log the ledger did not checkpoint, a
 * difference or the timeout each make the answer "not accounted".
 */
@Injectable()
export class LedgerVerifier {
  constructor(
    private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
  ) {}

  async verify(timeoutMs = DEFAULT_VERIFY_TIMEOUT_MS): Promise<VerifyReport> {
    const startedAt = Date.now();
    const deadline = startedAt + timeoutMs;
    const { topic } = this.settings;
    // Checkpoints before ends: on the same log a checkpoint can then never exceed the end read after it.
    const first = await this.checkpointRows();
    const { low, high } = await topicWatermarks(this.kafka, topic);
    const read = await topicId(this.kafka, topic).then(
      (id): TopicIdRead => (id === undefined ? { kind: 'none' } : { kind: 'id', id }),
      (error: unknown): TopicIdRead => ({ kind: 'error', error: String(error) }),
    );
    // A log whose identity cannot be confirmed is never "accounted": its ends alone may hide a
    // recreated topic that has grown past the checkpoints.
    const identity = logIdentity(topic, first, high, read);
    const mismatch =
      identity.state === 'mismatch'
        ? identity.mismatch.message
        : identity.state === 'unconfirmed'
          ? identity.reason
          : undefined;
    let progress = track(new Map(), new Map(first.map((c) => [c.partition, c.next])), startedAt, startedAt);
    const accounts = (): PartitionAccount[] => partitionAccounts(high, low, progress, startedAt, Date.now());
    if (mismatch !== undefined) return notCompared(accounts(), mismatch, false, startedAt);
    while (accounts().some((a) => a.lag !== '0') && Date.now() < deadline) {
      await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      const now = await this.checkpointRows();
      progress = track(progress, new Map(now.map((c) => [c.partition, c.next])), Date.now(), startedAt);
    }
    if (accounts().some((a) => a.lag !== '0')) return notCompared(accounts(), null, true, startedAt);
    const snapshot = await this.snapshot();
    progress = track(progress, snapshot.checkpoints, Date.now(), startedAt);
    const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    const replayed = await this.recompute(snapshot, signal).catch((error: unknown) => {
      if (signal.aborted) return undefined;
      throw error;
    });
    if (!replayed) return notCompared(accounts(), null, true, startedAt);
    const differences = diffRollups(replayed.expected, snapshot.rows);
    const final = accounts();
    const lag = final.reduce((sum, a) => sum + BigInt(a.lag), 0n);
    return {
      accounted: differences.length === 0 && lag === 0n,
      equal: differences.length === 0,
      events: replayed.events,
      rows: snapshot.rows.length,
      differences: differences.slice(0, 100).map(describeDifference),
      difference_count: differences.length,
      dead_lettered: replayed.deadLettered,
      lag: lag.toString(),
      partitions: final,
      stuck_partitions: final.filter((a) => a.stuck).map((a) => a.partition),
      mismatch: null,
      timed_out: false,
      elapsed_ms: Date.now() - startedAt,
    };
  }

  private async checkpointRows(): Promise<{ partition: number; next: bigint; topicId: string | null }[]> {
    const rows = (await this.ds.query(
      `SELECT partition, next_offset::text AS next, topic_id FROM ${LIVE_TABLES.offsets}
        WHERE consumer = $1 AND topic = $2`,
      [this.settings.consumerGroup, this.settings.topic],
    )) as { partition: number; next: string; topic_id: string | null }[];
    return rows.map((r) => ({ partition: r.partition, next: BigInt(r.next), topicId: r.topic_id }));
  }

  private snapshot(): Promise<Snapshot> {
    const { topic, consumerGroup } = this.settings;
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      const checkpoints = (await em.query(
        `SELECT partition, next_offset::text AS next FROM ${LIVE_TABLES.offsets} WHERE consumer = $1 AND topic = $2`,
        [consumerGroup, topic],
      )) as { partition: number; next: string }[];
      return {
        checkpoints: new Map(checkpoints.map((c) => [c.partition, BigInt(c.next)])),
        rows: await readSpendRows(em, LIVE_TABLES.rollup),
        refused: await readRefused(em, consumerGroup, topic),
      };
    });
  }

  /** The rollups the topic implies up to the snapshot's checkpoints, leaving out what live left out. */
  private async recompute(
    snapshot: Snapshot,
    signal: AbortSignal,
  ): Promise<{ expected: SpendRow[]; events: number; deadLettered: number }> {
    const expected = new Map<string, SpendRow>();
    const seen = new Set<string>();
    let deadLettered = 0;
    const onBatch = (partition: number, messages: readonly BusRecord[]): Promise<void> => {
      const { kept, refused } = withoutRefused(snapshot.refused, partition, messages);
      deadLettered += refused.length;
      for (const m of kept) {
        const decoded = m.value === null ? null : decodeRouteEvent(m.value);
        if (!decoded?.ok) {
          deadLettered++;
          continue;
        }
        // Event ids are uuids: the projection's de-dup ignores their case, so this one does too.
        const id = decoded.value.event_id.toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        applyRow(expected, toEntryRow(decoded.value));
      }
      return Promise.resolve();
    };
    await replayRange(
      this.kafka,
      this.settings.topic,
      { from: new Map(), until: snapshot.checkpoints, groupPrefix: 'kt-ledger-verify', signal },
      onBatch,
    );
    return { expected: [...expected.values()], events: seen.size, deadLettered };
  }
}

function notCompared(
  partitions: PartitionAccount[],
  mismatch: string | null,
  timedOut: boolean,
  startedAt: number,
): VerifyReport {
  return {
    accounted: false,
    equal: false,
    events: 0,
    rows: 0,
    differences: [],
    difference_count: 0,
    dead_lettered: 0,
    lag: partitions.reduce((sum, a) => sum + BigInt(a.lag), 0n).toString(),
    partitions,
    stuck_partitions: partitions.filter((a) => a.stuck).map((a) => a.partition),
    mismatch,
    timed_out: timedOut,
    elapsed_ms: Date.now() - startedAt,
  };
}
