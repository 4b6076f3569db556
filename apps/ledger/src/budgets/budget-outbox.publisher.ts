import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from '@kt/persistence';
import { BudgetProducer } from './budget.producer.js';

/** A record to publish after the transaction that decided it commits; a null value is a tombstone. */
export interface OutboxRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: string | null;
}

const DRAIN_BATCH = 500;

/**
 * Facts and states are written to `budget_outbox` in the transaction that records the crossing, then
 * published and deleted. A crash in between re-sends them (same event ids), it never loses or re-decides one.
 */
@Injectable()
export class BudgetOutbox {
  private readonly logger = new Logger('budgets');
  private draining: Promise<void> = Promise.resolve();

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly producer: BudgetProducer,
  ) {}

  static async add(manager: EntityManager, records: readonly OutboxRecord[]): Promise<void> {
    for (const record of records) {
      await manager.query('INSERT INTO budget_outbox (topic, key, value) VALUES ($1, $2, $3)', [
        record.topic,
        record.key,
        record.value,
      ]);
    }
  }

  /** Publishes everything pending, in order; concurrent calls queue behind each other. */
  drain(): Promise<void> {
    const run = this.draining.then(() => this.drainAll());
    this.draining = run.catch((error: unknown) => {
      this.logger.warn(`budget outbox not drained yet: ${String(error)}`);
    });
    return run;
  }

  private async drainAll(): Promise<void> {
    for (;;) {
      const rows = await this.ds.query<(OutboxRecord & { id: string })[]>(
        'SELECT id, topic, key, value FROM budget_outbox ORDER BY id LIMIT $1',
        [DRAIN_BATCH],
      );
      if (rows.length === 0) return;
      // One send per run of the same topic keeps the global order of facts and states.
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j < rows.length && rows[j].topic === rows[i].topic) j++;
        await this.producer.send(
          rows[i].topic,
          rows.slice(i, j).map((row) => ({ key: row.key, value: row.value })),
        );
        await this.ds.query('DELETE FROM budget_outbox WHERE id <= $1', [rows[j - 1].id]);
        i = j;
      }
    }
  }
}
