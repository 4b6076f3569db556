import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { highWatermarks, KAFKA, type BusClient, replayTopic, topicId } from '@kt/bus';
import { utcNow } from '@kt/contracts';
import { DataSource } from '@kt/persistence';
import { SPEND_APPLIED, type SpendAppliedBus } from '../spend/spend-applied.js';
import { sliceBatch } from '../projection/batch.slicer.js';
import { forgetStaleRefused, readRefused, withoutRefused } from '../projection/dead-letter.store.js';
import { failureReason, sqlState } from '../projection/pg.failure.js';
import { LEDGER_SETTINGS, type LedgerSettings } from '../projection/ledger.settings.js';
import { LIVE_TABLES, REBUILD_TABLES } from '@kt/spend';
import { MonthPartitions } from '../projection/month.partitions.js';
import { SpendProjector } from '../projection/spend.projector.js';
import { RebuildFold } from './rebuild.fold.js';
import type { RebuildJob } from './rebuild.job.js';
import { finishLoad, loadSlice } from './rebuild.loader.js';
import { freshTables, swapTables } from './table.swap.js';

/**
 * Rebuild = pause the projector (the lock) → fresh key-less tables → bulk-load the topic from offset 0
 * to the watermarks captured at start (de-duplicated and rolled up in memory) → key, rollups and
 * checkpoints, swapped in in one transaction → resume from those watermarks.
 */

/** Deadlock detected, serialization failure: PostgreSQL aborted the swap, which may simply run again. */
const SWAP_RETRY_STATES = new Set(['40P01', '40001']);
const SWAP_ATTEMPTS = 5;

@Injectable()
export class LedgerRebuilder {
  private readonly logger = new Logger('ledger-rebuild');
  private readonly jobs = new Map<string, RebuildJob>();

  constructor(
    private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
    @Inject(SPEND_APPLIED) private readonly spendApplied: SpendAppliedBus,
    private readonly projector: SpendProjector,
  ) {}

  job(id: string): RebuildJob | undefined {
    return this.jobs.get(id);
  }

  /** Starts a rebuild, or returns the one already running. */
  start(): RebuildJob {
    const running = [...this.jobs.values()].find((j) => j.state === 'running');
    if (running) return running;
    const job: RebuildJob = {
      id: randomUUID(),
      state: 'running',
      phase: 'waiting',
      replayed: 0,
      total: 0,
      applied: 0,
      dead_lettered: 0,
      error: null,
      started_at: utcNow(),
      finished_at: null,
    };
    this.jobs.set(job.id, job);
    void this.run(job);
    return job;
  }

  private async run(job: RebuildJob): Promise<void> {
    await this.projector.pause();
    try {
      const { topic, consumerGroup } = this.settings;
      const until = await highWatermarks(this.kafka, topic);
      const id = await topicId(this.kafka, topic).catch(() => undefined);
      const refused = await readRefused(this.ds.manager, consumerGroup, topic);
      const matched = new Set<string>();
      job.total = [...until.values()].reduce((sum, high) => sum + Number(high), 0);
      await this.ds.transaction((em) => freshTables(em, REBUILD_TABLES, { entriesKey: false }));
      job.phase = 'replaying';
      const partitions = new MonthPartitions(this.ds, REBUILD_TABLES.entries);
      const fold = new RebuildFold();
      await replayTopic(this.kafka, topic, until, async (partition, messages) => {
        // Poison was dead-lettered when first consumed; a rebuild only skips it, and so the records
        // PostgreSQL refused live (same offset, same bytes).
        const { kept, refused: left } = withoutRefused(refused, partition, messages);
        for (const m of left) matched.add(`${partition}:${m.offset}`);
        const sliced = sliceBatch(consumerGroup, topic, partition, kept);
        const last = messages.at(-1)?.offset ?? '-1';
        const slice = { ...sliced.slice, nextOffset: (BigInt(last) + 1n).toString() };
        job.dead_lettered += left.length + sliced.poison.length;
        await partitions.ensure(slice.events.map((e) => e.occurred_at));
        // Not `job.applied += await …`: that reads the counter before the await and loses other partitions' counts.
        const applied = await loadSlice(this.ds, REBUILD_TABLES, fold, slice);
        job.applied += applied;
        job.replayed += messages.length;
      });
      job.phase = 'swapping';
      // The swap locks the live tables while another replica may be mid-batch on them; PostgreSQL
      // may then break a deadlock by aborting the swap. The whole transaction rolled back, so it is
      // run again (a few times) instead of failing a rebuild whose replay is complete.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.ds.transaction(async (em) => {
            await finishLoad(em, REBUILD_TABLES, fold, consumerGroup, topic);
            if (id !== undefined) await em.query(`UPDATE ${REBUILD_TABLES.offsets} SET topic_id = $1`, [id]);
            await forgetStaleRefused(em, consumerGroup, topic, matched);
            await swapTables(em, REBUILD_TABLES, LIVE_TABLES);
          });
          break;
        } catch (error) {
          if (attempt >= SWAP_ATTEMPTS || !SWAP_RETRY_STATES.has(sqlState(error) ?? '')) throw error;
          this.logger.warn(
            `rebuild ${job.id}: swap attempt ${attempt} aborted (${failureReason(error)}); retrying`,
          );
          await sleep(200 * attempt);
        }
      }
      this.spendApplied.emit({ hours: fold.hours(), events: job.applied });
      job.state = 'done';
    } catch (error) {
      job.state = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
      this.logger.error(`rebuild ${job.id} failed: ${job.error}`);
    } finally {
      job.phase = 'finished';
      job.finished_at = utcNow();
      this.projector.start();
    }
  }
}
