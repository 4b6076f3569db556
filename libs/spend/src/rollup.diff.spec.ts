import { describe, expect, it } from 'vitest';
import { sampleRouteEvent } from '../../../test/support/route-event.fixture.js';
import { rollup, toEntryRow } from './spend.evolve.js';
import { describeDifference, diffRollups } from './rollup.diff.js';

const [row] = rollup([toEntryRow(sampleRouteEvent())]);
if (!row) throw new Error('sample rollup is empty');

describe('diffRollups', () => {
  it.each([
    ['finds nothing when both sides agree', [row], [row], 0, []],
    [
      'names a cost off by one micro-dollar',
      [row],
      [{ ...row, costMicroUsd: 1235n }],
      1,
      ['cost_micro_usd expected 1234 got 1235'],
    ],
    [
      'names a flag column that differs (the rollup counts how requests were priced)',
      [row],
      [{ ...row, unpricedTokens: 7n }],
      1,
      ['unpriced_tokens expected 0 got 7'],
    ],
    // Every non-zero column of the missing row differs (errors is 0 on both sides).
    ['reports a row missing from the projection', [row], [], 4, ['requests expected 1 got 0']],
    ['reports a row the topic does not explain', [], [row], 4, ['requests expected 0 got 1']],
  ] as const)('%s', (_name, expected, actual, count, fragments) => {
    const lines = diffRollups(expected, actual).map(describeDifference);
    expect(lines).toHaveLength(count);
    for (const fragment of fragments) expect(lines.join('\n')).toContain(fragment);
  });

  it('says where the difference is', () => {
    const [line] = diffRollups([row], [{ ...row, errors: 3n }]).map(describeDifference);
    expect(line).toBe(
      'hour=2025-03-01T12:00:00.000Z provider=openai target=openai-main group=production-llm model=gpt-5.4-mini team=finance key_id=key_fin: errors expected 0 got 3',
    );
  });
});
