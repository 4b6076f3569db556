import type { DataSource } from '@kt/persistence';
import { monthRange, partitionName } from '@kt/spend';

/**
 * Creates the monthly partitions of an entries table ahead of the batches that need them, one
 * creation at a time and committed on its own, so parallel batch transactions never race on DDL.
 */
export class MonthPartitions {
  private readonly known = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ds: DataSource,
    private readonly entries: string,
  ) {}

  /**
   * Forgets what was created: a rebuild's table swap (by any replica) replaces the partitions, so
   * after a rewind or a failed apply every month is checked again (`IF NOT EXISTS` makes it cheap).
   */
  forget(): void {
    this.known.clear();
  }

  ensure(occurredAts: readonly string[]): Promise<void> {
    const months = new Map(occurredAts.map((at) => monthRange(at)).map((m) => [m[0], m] as const));
    const missing = [...months.values()].filter(
      ([from]) => !this.known.has(partitionName(this.entries, from)),
    );
    if (missing.length === 0) return Promise.resolve();
    const run = this.queue.then(async () => {
      for (const [from, to] of missing) {
        const name = partitionName(this.entries, from);
        await this.ds.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${this.entries} FOR VALUES FROM ('${from}') TO ('${to}')`,
        );
        this.known.add(name);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
