import { describe, expect, it } from 'vitest';
import { toEntryRow } from '@kt/spend';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import { copyField, entryCopyLine } from './entry.copy.js';

describe('copyField', () => {
  it.each([
    ['plain text', 'openai-main', 'openai-main'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['line breaks', 'a\r\nb', 'a\\r\\nb'],
    ['JSON with escaped quotes', '{"q":"say \\"hi\\""}', '{"q":"say \\\\"hi\\\\""}'],
  ])('escapes %s for COPY text format', (_name, input, want) => {
    expect(copyField(input)).toBe(want);
  });
});

describe('entryCopyLine', () => {
  it('writes the sixteen columns tab-separated, the event last, and ends the line', () => {
    const event = sampleRouteEvent();
    const line = entryCopyLine(toEntryRow(event), '{"a":\t1}');
    expect(line.endsWith('\n')).toBe(true);
    const fields = line.slice(0, -1).split('\t');
    expect(fields).toHaveLength(16);
    expect(fields[0]).toBe(event.event_id);
    expect(fields[13]).toBe(toEntryRow(event).costMicroUsd.toString());
    expect(fields[15]).toBe('{"a":\\t1}');
  });
});
