import type { DataSource, EntityManager } from '@kt/persistence';

/**
 * Serialises every budget write of this replica, whatever its key. A write holding the key's
 * advisory lock keeps one pooled connection open while it waits for Kafka and the read model (up
 * to the apply timeout); running them one at a time means budget writes never hold more than that
 * one connection, so the projection and lease grants always find the rest of the pool. Writes are
 * rare and admin-only, so the queue costs nothing that matters.
 */
export class BudgetWritesQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every write queued before it has settled. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `work` in the queue inside a transaction holding the advisory lock on `name`, so the same
   * key's writes on other replicas wait. `work` gets the transaction's manager: reads under the lock
   * use the connection it already holds instead of a second one from the pool.
   */
  locked<T>(ds: DataSource, name: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(() =>
      ds.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
        return work(manager);
      }),
    );
  }
}
