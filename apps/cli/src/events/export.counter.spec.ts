import { describe, expect, it } from 'vitest';
import { rowCounter } from './export.counter.js';

describe('rowCounter', () => {
  it('counts CSV records, not lines: quoted newlines and doubled quotes stay inside a field, the header is no row', () => {
    const counter = rowCounter('csv');
    counter.push('event_id,note\r\n1,"two\nlines"\r\n2,"say ""hi');
    expect(counter.push('"""\r\n3,x\r\n')).toBe(3);
  });

  it('counts NDJSON lines across chunk boundaries', () => {
    const counter = rowCounter('ndjson');
    counter.push('{"a":1}\n{"a"');
    expect(counter.push(':2}\n')).toBe(2);
  });

  it('counts the objects of a JSON array, ignoring braces inside strings and nested objects', () => {
    const counter = rowCounter('json');
    counter.push('[{"a":"}{","b":{"c":1}},');
    expect(counter.push('{"a":"\\"}"}]')).toBe(2);
  });
});
