import { describe, expect, it } from 'vitest';
import {
  createTablesSql,
  entriesKeySql,
  LIVE_TABLES,
  monthRange,
  partitionName,
  REBUILD_TABLES,
} from './ledger.tables.js';

describe('monthly partitions', () => {
  it.each([
    [
      '2025-03-15T12:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
      'ledger_entries_p202503',
    ],
    [
      '2025-12-31T23:59:59.999Z',
      '2025-12-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      'ledger_entries_p202512',
    ],
    [
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      'ledger_entries_p202601',
    ],
  ])('puts %s in [%s, %s) named %s', (at, from, to, name) => {
    expect(monthRange(at)).toEqual([from, to]);
    expect(partitionName(LIVE_TABLES.entries, from)).toBe(name);
  });
});

describe('createTablesSql', () => {
  it('creates the same schema under the rebuild names, never touching the live ones', () => {
    const sql = createTablesSql(REBUILD_TABLES).join('\n');
    expect(sql).toContain('CREATE TABLE spend_hourly_rebuild');
    expect(sql).not.toMatch(/CREATE TABLE (spend_hourly|ledger_entries|ledger_offsets|ledger_event_ids) /);
  });

  it('keeps spend_hourly unique on its seven dimensions, as the budgets module expects', () => {
    expect(createTablesSql(LIVE_TABLES).join('\n')).toContain(
      'CONSTRAINT spend_hourly_dims UNIQUE (hour, provider, target, "group", model, team, key_id)',
    );
  });

  it.each([
    ['keys the entries inline by default', {}, true],
    ['leaves the key out for a bulk load', { entriesKey: false }, false],
  ])('%s', (_, opts, keyed) => {
    const sql = createTablesSql(REBUILD_TABLES, opts).join('\n');
    expect(sql.includes('PRIMARY KEY (event_id, occurred_at)')).toBe(keyed);
  });

  it('adds the entries key later under the name the inline key gets', () => {
    expect(entriesKeySql(REBUILD_TABLES)).toBe(
      'ALTER TABLE ledger_entries_rebuild ADD CONSTRAINT ledger_entries_rebuild_pkey PRIMARY KEY (event_id, occurred_at)',
    );
  });

  it('stores the event as json text and keeps no separate event-id table', () => {
    const sql = createTablesSql(LIVE_TABLES).join('\n');
    expect(sql).toContain('event json NOT NULL');
    expect(sql).not.toContain('ledger_event_ids');
  });
});
