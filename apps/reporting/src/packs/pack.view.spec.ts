import { describe, expect, it } from 'vitest';
import { decodePackEvent, encodeEvent, type PackApplied } from '@kt/contracts';
import { parsePack, type Pack } from '@kt/pack';
import { newestFirst, packAppliedEvent, toPackView, type HistoryEntry } from './pack.view.js';

const yaml = `
pack: { name: core, version: "1.2.0", enabled: true }
providers:
  model_groups: [{ name: g, targets: [t] }]
  targets:
    - { id: t, provider: "openai:chat:gpt-4o", secret_key_ref: { env: VIEW_KEY } }
`;

function packOf(text: string): Pack {
  const result = parsePack(text, { env: { VIEW_KEY: 'k' } });
  if (!result.ok) throw new Error('the fixture pack is invalid');
  return result.pack;
}

const entry = (name: string, at: string, partition: number, offset: bigint): HistoryEntry => ({
  event: { ...packAppliedEvent(packOf(yaml), yaml, 'ops', 'cli', at), pack: { name, version: at, sha256: 'a'.repeat(64) } },
  partition,
  offset,
});

describe('packAppliedEvent', () => {
  it('records who applied which pack with the text exactly as sent, and decodes as a pack event', () => {
    const event = packAppliedEvent(packOf(yaml), yaml, 'ops', 'cli', '2026-11-24T10:00:00.000Z');
    expect(event).toMatchObject({
      type: 'pack.applied',
      pack: { name: 'core', version: '1.2.0', sha256: packOf(yaml).sha256 },
      applied_by: 'ops',
      content: yaml,
      source: 'cli',
      occurred_at: '2026-11-24T10:00:00.000Z',
    });
    expect(decodePackEvent(encodeEvent(event))).toEqual({ ok: true, value: event });
  });
});

describe('toPackView', () => {
  it('shows when and by whom, never the content', () => {
    const event: PackApplied = packAppliedEvent(packOf(yaml), yaml, 'ops', 'api', '2026-11-24T10:00:00.000Z');
    expect(toPackView(event)).toEqual({
      name: 'core',
      version: '1.2.0',
      sha256: packOf(yaml).sha256,
      applied_at: '2026-11-24T10:00:00.000Z',
      applied_by: 'ops',
      source: 'api',
      event_id: event.event_id,
    });
  });
});

describe('newestFirst', () => {
  const entries = [
    entry('core', '2026-11-24T10:00:00.000Z', 0, 5n),
    entry('edge', '2026-11-24T12:00:00.000Z', 2, 1n),
    entry('core', '2026-11-24T11:00:00.000Z', 0, 9n),
    entry('core', '2026-11-24T11:00:00.000Z', 0, 10n),
  ];

  it('orders by time applied, then by topic position for the same instant', () => {
    expect(newestFirst(entries).map((e) => `${e.pack.name}@${e.pack.version}`)).toEqual([
      'edge@2026-11-24T12:00:00.000Z',
      'core@2026-11-24T11:00:00.000Z',
      'core@2026-11-24T11:00:00.000Z',
      'core@2026-11-24T10:00:00.000Z',
    ]);
    expect(newestFirst(entries)[1]).toBe(entries[3]!.event);
  });

  it('keeps only the packs of the name asked for', () => {
    expect(newestFirst(entries, 'edge').map((e) => e.pack.name)).toEqual(['edge']);
    expect(newestFirst(entries, 'none')).toEqual([]);
  });
});
