import { describe, expect, it } from 'vitest';
import { sampleRouteEvent } from '../../../../test/support/route-event.fixture.js';
import { ScratchProjection, wholeHours } from './audit.scratch.js';

const range = {
  sinceMs: Date.parse('2025-03-01T12:00:00.000Z'),
  untilMs: Date.parse('2025-03-01T13:00:00.000Z'),
};
const at = (occurred_at: string, event_id = '1b4e28ba-2fa1-4d2b-883f-0016d3cca427') =>
  sampleRouteEvent({ occurred_at, event_id });

describe('ScratchProjection', () => {
  it.each([
    ['keeps an event at the start of the range', '2025-03-01T12:00:00.000Z', true],
    ['keeps an event just before the end', '2025-03-01T12:59:59.999Z', true],
    ['drops an event at the end (the range is half-open)', '2025-03-01T13:00:00.000Z', false],
    ['drops an event before the start', '2025-03-01T11:59:59.999Z', false],
  ])('%s', (_name, occurredAt, kept) => {
    const scratch = new ScratchProjection(range);
    expect(scratch.take(at(occurredAt))).toBe(kept);
    expect(scratch.entries().size).toBe(kept ? 1 : 0);
  });

  it('keeps the first delivery of an event id, whatever its case, and counts the duplicates', () => {
    const scratch = new ScratchProjection(range);
    scratch.take(at('2025-03-01T12:10:00.000Z'));
    scratch.take({ ...at('2025-03-01T12:20:00.000Z'), event_id: '1B4E28BA-2FA1-4D2B-883F-0016D3CCA427' });
    expect([...scratch.entries().values()].map((r) => r.occurredAt)).toEqual(['2025-03-01T12:10:00.000Z']);
    expect(scratch.duplicateCount()).toBe(1);
  });

  it('refuses the event past its cap, naming the setting, but still takes duplicates of held ones', () => {
    const scratch = new ScratchProjection(range, 2);
    const id = (n: number) => `1b4e28ba-2fa1-4d2b-883f-00000000000${n}`;
    expect(scratch.take(at('2025-03-01T12:10:00.000Z', id(1)))).toBe(true);
    expect(scratch.take(at('2025-03-01T12:11:00.000Z', id(2)))).toBe(true);
    expect(scratch.take(at('2025-03-01T12:12:00.000Z', id(1)))).toBe(false);
    expect(() => scratch.take(at('2025-03-01T12:13:00.000Z', id(3)))).toThrow(
      /more than 2 events.*REPORTING_AUDIT_MAX_EVENTS/,
    );
  });
});

describe('wholeHours', () => {
  it.each([
    ['a range on hour boundaries covers its hours', '12:00', '14:00', '12:00', '14:00'],
    ['a range inside one hour covers none', '12:10', '12:50', '13:00', '12:00'],
    ['a ragged range covers the hours strictly inside it', '11:30', '14:15', '12:00', '14:00'],
  ])('%s', (_name, since, until, first, end) => {
    const t = (hm: string) => Date.parse(`2025-03-01T${hm}:00.000Z`);
    expect(wholeHours({ sinceMs: t(since), untilMs: t(until) })).toEqual({
      firstMs: t(first),
      endMs: t(end),
    });
  });
});
