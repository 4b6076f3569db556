// Counts the rows of an export as it streams past, for the progress bar and the final summary,
// without holding more than the current chunk.

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RowCounter {
  /** Feeds a chunk; returns the rows completed so far. */
  push(chunk: string): number;
}

/** RFC 4180: a record ends at a newline outside quotes (a doubled quote toggles twice); the header is not a row. */
class CsvCounter implements RowCounter {
  private quoted = false;
  private lines = 0;
  push(chunk: string): number {
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (c === 34) this.quoted = !this.quoted;
      else if (c === 10 && !this.quoted) this.lines += 1;
    }
    return Math.max(0, this.lines - 1);
  }
}

class NdjsonCounter implements RowCounter {
  private lines = 0;
  push(chunk: string): number {
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) this.lines += 1;
    return this.lines;
  }
}

/** A JSON array of objects: a row is an object closing at depth 1 (strings and escapes skipped). */
class JsonArrayCounter implements RowCounter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private rows = 0;
  push(chunk: string): number {
    for (const c of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth += 1;
      else if (c === '}' || c === ']') {
        this.depth -= 1;
        if (c === '}' && this.depth === 1) this.rows += 1;
      }
    }
    return this.rows;
  }
}

export function rowCounter(format: ExportFormat): RowCounter {
  switch (format) {
    case 'csv':
      return new CsvCounter();
    case 'ndjson':
      return new NdjsonCounter();
    case 'json':
      return new JsonArrayCounter();
  }
}
