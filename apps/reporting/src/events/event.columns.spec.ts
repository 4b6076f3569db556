import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from './event.columns.js';

const sqlOf = (name: string): string => EXPORT_COLUMNS.find(([column]) => column === name)?.[1] ?? '';

describe('export columns', () => {
  it('name a rejected request (no provider, no target) "(rejected)", never a blank cell', () => {
    for (const column of ['provider', 'target'])
      expect(sqlOf(column)).toBe(
        `CASE WHEN type = 'route.rejected' AND ${column} = '' THEN '(rejected)' ELSE ${column} END`,
      );
  });

  it('show tokens no price covered as "unpriced" in cost_usd, keeping cost_micro_usd an integer', () => {
    expect(sqlOf('cost_usd')).toMatch(
      /^CASE WHEN priced_by = 'unpriced' AND input_tokens \+ output_tokens > 0 THEN 'unpriced'/,
    );
    expect(sqlOf('cost_micro_usd')).toBe('cost_micro_usd');
  });
});
