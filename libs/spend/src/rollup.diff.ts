import { spendKeyString, type SpendKey, type SpendRow } from './spend.evolve.js';

const FIELDS = [
  'requests',
  'errors',
  'inputTokens',
  'outputTokens',
  'costMicroUsd',
  'unpricedRequests',
  'unpricedTokens',
  'estimatedRequests',
  'rejectedRequests',
] as const;
const COLUMN: Readonly<Record<(typeof FIELDS)[number], string>> = {
  requests: 'requests',
  errors: 'errors',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  costMicroUsd: 'cost_micro_usd',
  unpricedRequests: 'unpriced_requests',
  unpricedTokens: 'unpriced_tokens',
  estimatedRequests: 'estimated_requests',
  rejectedRequests: 'rejected_requests',
};

/** One column of one rollup row that differs; a missing row compares as zeros. */
export interface RollupDifference {
  readonly key: SpendKey;
  readonly column: string;
  readonly expected: string;
  readonly actual: string;
}

/** Compares recomputed rows with the live ones, column by column, to the micro-dollar. */
export function diffRollups(expected: readonly SpendRow[], actual: readonly SpendRow[]): RollupDifference[] {
  const want = new Map(expected.map((r) => [spendKeyString(r), r]));
  const have = new Map(actual.map((r) => [spendKeyString(r), r]));
  const keys = [...new Set([...want.keys(), ...have.keys()])].sort();
  return keys.flatMap((id) => {
    const w = want.get(id);
    const h = have.get(id);
    const key = (w ?? h) as SpendKey;
    return FIELDS.flatMap((f) => {
      const e = w?.[f] ?? 0n;
      const a = h?.[f] ?? 0n;
      return e === a
        ? []
        : [{ key: keyOf(key), column: COLUMN[f], expected: e.toString(), actual: a.toString() }];
    });
  });
}

/** `hour=… provider=… target=… group=… model=… team=… key_id=…: cost_micro_usd expected 10 got 12`. */
export function describeDifference(d: RollupDifference): string {
  const k = d.key;
  const where = `hour=${k.hour} provider=${k.provider} target=${k.target} group=${k.group} model=${k.model} team=${k.team} key_id=${k.keyId}`;
  return `${where}: ${d.column} expected ${d.expected} got ${d.actual}`;
}

function keyOf(k: SpendKey): SpendKey {
  return {
    hour: k.hour,
    provider: k.provider,
    target: k.target,
    group: k.group,
    model: k.model,
    team: k.team,
    keyId: k.keyId,
  };
}
