import type { SpendKey, SpendTotals } from './spend.evolve.js';

/** A rollup row's seven dimensions as SQL returns them and the wire carries them. */
export interface SpendKeyRecord {
  readonly hour: string;
  readonly provider: string;
  readonly target: string;
  readonly group: string;
  readonly model: string;
  readonly team: string;
  readonly key_id: string;
}

/** The five counters as SQL returns them cast to text (so nothing is rounded), and as the wire carries them. */
export interface SpendTotalsRecord {
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

export function readSpendTotals(record: SpendTotalsRecord): SpendTotals {
  return {
    requests: BigInt(record.requests),
    errors: BigInt(record.errors),
    inputTokens: BigInt(record.input_tokens),
    outputTokens: BigInt(record.output_tokens),
    costMicroUsd: BigInt(record.cost_micro_usd),
  };
}

/** Counters on the wire: decimal strings, like money. */
export function spendTotalsRecord(t: SpendTotals): SpendTotalsRecord {
  return {
    requests: t.requests.toString(),
    errors: t.errors.toString(),
    input_tokens: t.inputTokens.toString(),
    output_tokens: t.outputTokens.toString(),
    cost_micro_usd: t.costMicroUsd.toString(),
  };
}

export function readSpendKey(r: SpendKeyRecord): SpendKey {
  const { hour, provider, target, group, model, team } = r;
  return { hour, provider, target, group, model, team, keyId: r.key_id };
}

export function spendKeyRecord(k: SpendKey): SpendKeyRecord {
  const { hour, provider, target, group, model, team } = k;
  return { hour, provider, target, group, model, team, key_id: k.keyId };
}
