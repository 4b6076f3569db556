import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DEAD_LETTER_FILE = 'dead-letter.jsonl';

/**
 * The last resort for a dead letter that cannot go to `kt.dead-letter.v1` either: one JSON line
 * per record in `dead-letter.jsonl` next to the spool segments. Bounded: once the file would pass
 * `maxBytes` it becomes `dead-letter.jsonl.1`, replacing (dropping) the previous one, so at most
 * twice `maxBytes` is kept; what was dropped is counted. Writes are synchronous: this path is rare
 * and must not lose a line to a crash that follows.
 */
export class DeadLetterFile {
  readonly path: string;
  private bytes = 0;
  /** Lines written by this process. */
  written = 0;
  /** Lines this process dropped by rotating over an older `.1` file (its lines, when we wrote them). */
  dropped = 0;
  private linesInCurrent = 0;
  private linesInRotated = 0;

  constructor(
    dir: string,
    private readonly maxBytes: number,
  ) {
    this.path = join(dir, DEAD_LETTER_FILE);
    try {
      this.bytes = statSync(this.path).size;
    } catch {
      this.bytes = 0;
    }
  }

  append(entry: object): void {
    const line = `${JSON.stringify(entry)}\n`;
    const size = Buffer.byteLength(line);
    if (this.bytes > 0 && this.bytes + size > this.maxBytes) this.rotate();
    appendFileSync(this.path, line, { flush: true });
    this.bytes += size;
    this.linesInCurrent += 1;
    this.written += 1;
  }

  private rotate(): void {
    renameSync(this.path, `${this.path}.1`);
    this.dropped += this.linesInRotated;
    this.linesInRotated = this.linesInCurrent;
    this.linesInCurrent = 0;
    this.bytes = 0;
  }
}
