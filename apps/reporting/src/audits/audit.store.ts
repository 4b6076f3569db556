import { randomUUID } from 'node:crypto';
import type { AuditRecord } from './audit.record.js';

export class AuditLimitError extends Error {}

/**
 * Recent audits, in memory only: at most `keep` are remembered (the oldest finished ones are
 * forgotten first) and at most `maxRunning` run at once, since each holds a scratch projection.
 */
export class AuditStore {
  private readonly audits = new Map<string, AuditRecord>();

  constructor(
    private readonly keep: number,
    private readonly maxRunning: number,
  ) {}

  create(input: { since: string; until: string; requestedBy: string | null; now: Date }): AuditRecord {
    const running = [...this.audits.values()].filter((a) => a.status === 'running').length;
    if (running >= this.maxRunning) {
      throw new AuditLimitError(`${running} audits are running already; wait for one to finish`);
    }
    const record: AuditRecord = {
      id: randomUUID(),
      since: input.since,
      until: input.until,
      createdAt: input.now.toISOString(),
      requestedBy: input.requestedBy,
      status: 'running',
      phase: 'replaying',
      finishedAt: null,
      progress: { read: 0, total: 0 },
      ledgerBehind: null,
      result: null,
      error: null,
    };
    this.audits.set(record.id, record);
    this.evict();
    return record;
  }

  get(id: string): AuditRecord | undefined {
    return this.audits.get(id);
  }

  list(): AuditRecord[] {
    return [...this.audits.values()].reverse();
  }

  private evict(): void {
    // Map order is insertion order: the first finished ones are the oldest.
    for (const [id, a] of this.audits) {
      if (this.audits.size <= this.keep) return;
      if (a.status !== 'running') this.audits.delete(id);
    }
  }
}
