import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { highWatermarks, KAFKA, type BusClient } from '@kt/bus';
import { DataSource } from '@kt/persistence';
import { LIVE_TABLES } from '@kt/spend';
import { metricsRegistry } from '@kt/telemetry';
import { trackedStates } from '../budgets/budget-tracking.store.js';
import { LEDGER_SETTINGS, type LedgerSettings } from '../projection/ledger.settings.js';
import { consumerLag } from './consumer.lag.js';

/** A scrape never waits longer than this on Kafka or Postgres; the last values are kept instead. */
const SCRAPE_TIMEOUT_MS = 2_000;

/**
 * The ledger's series on `/metrics`. The projector reports each applied batch and its dead letters;
 * consumer lag (high watermark − checkpoint, per partition) and budget utilisation are read from
 * Kafka and Postgres when scraped, so they stay true while the projector is stalled.
 */
@Injectable()
export class LedgerMetrics {
  private readonly logger = new Logger('ledger');
  private readonly registers = [metricsRegistry()];
  /** The scrape-time read in progress: the collect callbacks of one scrape share it. */
  private inFlight: Promise<boolean> | undefined;

  private readonly batchDuration = new Histogram({
    name: 'kt_ledger_batch_apply_duration_seconds',
    help: 'Time to apply one batch of route events to the projection, in its Postgres transaction.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: this.registers,
  });

  private readonly applied = new Counter({
    name: 'kt_ledger_events_applied_total',
    help: 'Route events applied to the spend projection (each event once, whatever redeliveries).',
    registers: this.registers,
  });

  private readonly deadLetters = new Counter({
    name: 'kt_ledger_dead_letters_total',
    help: 'Route-event records the ledger could not apply and sent to the dead-letter topic.',
    registers: this.registers,
  });

  private readonly mismatch = new Gauge({
    name: 'kt_ledger_log_mismatch',
    help: '1 while the projection is stopped because the topic is not the log its checkpoints describe (checkpoint beyond the log end or a new topic id); fix: kt ledger rebuild.',
    labelNames: ['topic'] as const,
    registers: this.registers,
  });

  private readonly unconfirmed = new Gauge({
    name: 'kt_ledger_log_unconfirmed',
    help: '1 while the projection waits because the topic id stored with its checkpoints cannot be read, so the log cannot be confirmed as the one checkpointed; it resumes when the id reads again.',
    labelNames: ['topic'] as const,
    registers: this.registers,
  });

  private readonly lag = new Gauge({
    name: 'kt_ledger_consumer_lag_messages',
    help: "Route events on the topic not yet applied: the partition's high watermark minus the ledger's checkpoint.",
    labelNames: ['topic', 'partition'] as const,
    registers: this.registers,
    collect: async () => {
      await this.refresh();
    },
  });

  private readonly utilisation = new Gauge({
    name: 'kt_budget_utilisation_ratio',
    help: "Spent over limit of each budget's current window (1 = exhausted; may exceed 1).",
    labelNames: ['budget', 'scope', 'period', 'action'] as const,
    registers: this.registers,
    collect: async () => {
      await this.refresh();
    },
  });

  private readonly sourcesUp: Gauge = new Gauge({
    name: 'kt_ledger_metrics_sources_up',
    help: '1 when this scrape read lag and budgets from Kafka and Postgres; 0 when they keep earlier values.',
    registers: this.registers,
    collect: async () => {
      this.sourcesUp.set((await this.refresh()) ? 1 : 0);
    },
  });

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
  ) {}

  /** One batch committed: how many events it applied and how long its transaction took. */
  batchApplied(events: number, seconds: number): void {
    this.applied.inc(events);
    this.batchDuration.observe(seconds);
  }

  deadLettered(records: number): void {
    this.deadLetters.inc(records);
  }

  /** Whether the projection stopped on a log that is not the one it checkpointed. */
  logMismatch(topic: string, mismatched: boolean): void {
    this.mismatch.set({ topic }, mismatched ? 1 : 0);
  }

  /** Whether the projection waits because the log's identity cannot be read (see `logIdentity`). */
  logUnconfirmed(topic: string, unconfirmed: boolean): void {
    this.unconfirmed.set({ topic }, unconfirmed ? 1 : 0);
  }

  /** Reads lag and budgets once per scrape; false (series keep earlier values) when a source fails. */
  private refresh(): Promise<boolean> {
    this.inFlight ??= withTimeout(Promise.all([this.readLag(), this.readBudgets()]), SCRAPE_TIMEOUT_MS)
      .then(() => true)
      .catch((error: unknown) => {
        this.logger.warn(`metrics: could not read lag or budgets (${String(error)})`);
        return false;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async readLag(): Promise<void> {
    const { topic, consumerGroup } = this.settings;
    const [high, rows] = await Promise.all([
      highWatermarks(this.kafka, topic),
      this.ds.query<{ partition: number; next: string }[]>(
        `SELECT partition, next_offset::text AS next FROM ${LIVE_TABLES.offsets} WHERE consumer = $1 AND topic = $2`,
        [consumerGroup, topic],
      ),
    ]);
    const checkpoints = new Map(rows.map((r) => [r.partition, BigInt(r.next)]));
    for (const [partition, lag] of consumerLag(high, checkpoints)) {
      this.lag.set({ topic, partition: String(partition) }, lag);
    }
  }

  private async readBudgets(): Promise<void> {
    const states = await trackedStates(this.ds.manager);
    this.utilisation.reset();
    for (const state of states.values()) {
      const limit = Number(state.limit_micro_usd);
      const ratio = limit > 0 ? Number(state.spent_micro_usd) / limit : state.utilisation_pct / 100;
      this.utilisation.set(
        { budget: state.budget_id, scope: state.scope.kind, period: state.period, action: state.action },
        ratio,
      );
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
