import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ExportFormat } from './events-query.dto.js';
import { EXPORT_HEADER } from './event.columns.js';

export interface ExportEncoding {
  readonly contentType: string;
  readonly extension: string;
  /** A fresh transform from rows (objects with `event`, or with the export columns) to the body. */
  readonly encoder: () => Transform;
}

/** The body of each export format; every one is a stream, so memory stays bounded whatever the row count. */
export const EXPORT_ENCODINGS: Readonly<Record<ExportFormat, ExportEncoding>> = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    // RFC 4180: CRLF line ends, quotes doubled, fields quoted only when they must be. Text a client
    // chose (the requested model) could start with `=`: such cells get a leading `'` so a spreadsheet
    // shows it instead of running it as a formula.
    encoder: () =>
      stringify({
        header: true,
        columns: [...EXPORT_HEADER],
        record_delimiter: '\r\n',
        escape_formulas: true,
      }),
  },
  ndjson: {
    contentType: 'application/x-ndjson',
    extension: 'ndjson',
    encoder: () => eventLines('', '\n', '\n', ''),
  },
  json: {
    contentType: 'application/json',
    extension: 'json',
    encoder: () => eventLines('[', ',\n', ']\n', '[]\n'),
  },
};

/** Writes each row's stored event text between `open`, `separator`s and `close` (`empty` for no rows). */
function eventLines(open: string, separator: string, close: string, empty: string): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: { readonly event: string }, _encoding, done) {
      const prefix = first ? open : separator;
      first = false;
      done(null, prefix + row.event);
    },
    flush(done) {
      done(null, first ? empty : close);
    },
  });
}
