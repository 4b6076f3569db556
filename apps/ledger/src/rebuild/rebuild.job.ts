/** Progress of one `POST /v1/admin/rebuild`, as `GET /v1/admin/rebuild/:id` shows it. */
export interface RebuildJob {
  readonly id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'waiting' | 'replaying' | 'swapping' | 'finished';
  /** Records read from the topic so far, of `total` (the watermarks captured at start). */
  replayed: number;
  total: number;
  /** Events projected into the fresh tables (duplicates and poison excluded). */
  applied: number;
  /**
   * Records left out: those the decoder refuses and those the live projection dead-lettered
   * because PostgreSQL refused them (`ledger_dead_letters`), exactly as live and verify leave them out.
   */
  dead_lettered: number;
  error: string | null;
  readonly started_at: string;
  finished_at: string | null;
}
