import { describe, expect, it } from 'vitest';
import { formatReplayReport, type AuditAnswer, type ReplayTotals } from './replay.report.js';

const totals = (cost: string): ReplayTotals => ({
  requests: '3',
  errors: '0',
  input_tokens: '30',
  output_tokens: '15',
  cost_micro_usd: cost,
  cost_usd: '0.000000',
});
const base: AuditAnswer = {
  id: 'a1',
  status: 'done',
  since: '2026-11-24T09:00:00.000Z',
  until: '2026-11-24T10:00:00.000Z',
  progress: { read: 3, total: 3 },
  equal: true,
  ledger_behind: 0,
  replayed: totals('300'),
  live: totals('300'),
  by_provider: [{ provider: 'openai', replayed: totals('300'), live: totals('300') }],
  events: 3,
  hourly: { from: '2026-11-24T09:00:00.000Z', to: '2026-11-24T10:00:00.000Z' },
  differences: [],
  difference_count: 0,
  error: null,
};

describe('formatReplayReport', () => {
  it('prints totals side by side and says equal when nothing differs', () => {
    const text = formatReplayReport(base);
    expect(text).toMatch(/^cost_micro_usd\s+300\s+300$/m);
    expect(text).toMatch(/^openai\s+replayed\s+live$/m);
    expect(text).toContain('equal: 3 events replayed match the ledger');
    expect(text).not.toContain('≠');
  });

  it('names the provider-less group "(rejected)" only when it holds rejections, else "(no provider)"', () => {
    const group = (rejected: boolean) =>
      formatReplayReport({
        ...base,
        by_provider: [{ provider: '', rejected, replayed: totals('0'), live: totals('0') }],
      });
    expect(group(true)).toMatch(/^\(rejected\)\s+replayed\s+live$/m);
    expect(group(false)).toMatch(/^\(no provider\)\s+replayed\s+live$/m);
  });

  it('marks differing totals and lists every difference with where, column and both values', () => {
    const text = formatReplayReport({
      ...base,
      equal: false,
      live: totals('301'),
      ledger_behind: 2,
      differences: [
        { kind: 'value', event_id: 'e-1', column: 'cost_micro_usd', replayed: '100', live: '101' },
        {
          kind: 'value',
          dimension: {
            hour: '2026-11-24T09:00:00.000Z',
            provider: 'openai',
            target: 't',
            group: 'g',
            model: 'm',
            team: '',
            key_id: 'k',
          },
          column: 'requests',
          replayed: '3',
          live: '4',
        },
        { kind: 'missing_in_ledger', event_id: 'e-2', column: 'event_id', replayed: 'e-2', live: null },
      ],
      difference_count: 4,
    });
    expect(text).toMatch(/^cost_micro_usd\s+300\s+301\s+≠$/m);
    expect(text).toMatch(/^value\s+event e-1\s+cost_micro_usd\s+100\s+101$/m);
    expect(text).toMatch(
      /hour 2026-11-24T09:00:00.000Z provider=openai target=t group=g model=m team= key_id=k\s+requests\s+3\s+4$/m,
    );
    expect(text).toMatch(/^missing_in_ledger\s+event e-2\s+event_id\s+e-2\s+—$/m);
    expect(text).toContain('… and 1 more');
    expect(text).toContain('ledger was still behind by 2 records');
    expect(text).toContain('DIFFERENT: 4 difference(s)');
  });
});
