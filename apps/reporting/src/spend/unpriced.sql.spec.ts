import { describe, expect, it } from 'vitest';
import { flagsByBucketSql, flagsByProviderSql } from './unpriced.sql.js';

const window = { since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-02T00:00:00Z') };

describe('flag SQL', () => {
  it('counts unpriced requests with tokens, estimates and rejections from ledger_entries', () => {
    const { sql, params } = flagsByBucketSql('provider', 'day', window, { team: 'ops' } as never);
    expect(sql).toContain('FROM ledger_entries');
    expect(sql).toContain(
      `COUNT(*) FILTER (WHERE priced_by = 'unpriced' AND input_tokens + output_tokens > 0)::text AS unpriced_requests`,
    );
    expect(sql).toContain(`COUNT(*) FILTER (WHERE priced_by = 'estimate')::text AS estimated_requests`);
    expect(sql).toContain(`COUNT(*) FILTER (WHERE type = 'route.rejected')::text AS rejected_requests`);
    // Bucketed like the rollup, so the rows join on (bucket, key).
    expect(sql).toContain(`date_trunc($1, occurred_at AT TIME ZONE 'UTC')`);
    expect(sql).toContain('occurred_at >= $2 AND occurred_at < $3');
    expect(sql).toContain('team = $4');
    expect(params).toEqual(['day', window.since, window.until, 'ops']);
  });

  it('groups by provider over the whole window for the mix', () => {
    const { sql, params } = flagsByProviderSql(window, {} as never);
    expect(sql).toContain('GROUP BY provider');
    expect(sql).toContain('occurred_at >= $1 AND occurred_at < $2');
    expect(params).toEqual([window.since, window.until]);
  });
});
