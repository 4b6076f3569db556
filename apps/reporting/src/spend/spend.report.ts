import { ratioString } from '../shared/decimal.format.js';

/** One set of counters as the database sums them (text, so nothing is rounded). */
export interface CounterRecord {
  readonly requests: string;
  readonly errors: string;
  readonly input_tokens: string;
  readonly output_tokens: string;
  readonly cost_micro_usd: string;
}

export interface Counters {
  readonly requests: bigint;
  readonly errors: bigint;
  readonly inputTokens: bigint;
  readonly outputTokens: bigint;
  readonly costMicroUsd: bigint;
}

/** Counters on the wire: decimal strings, like money. */
export type CountersView = CounterRecord;

export const ZERO: Counters = {
  requests: 0n,
  errors: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  costMicroUsd: 0n,
};

export function readCounters(record: CounterRecord): Counters {
  return {
    requests: BigInt(record.requests),
    errors: BigInt(record.errors),
    inputTokens: BigInt(record.input_tokens),
    outputTokens: BigInt(record.output_tokens),
    costMicroUsd: BigInt(record.cost_micro_usd),
  };
}

export function sumCounters(a: Counters, b: Counters): Counters {
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costMicroUsd: a.costMicroUsd + b.costMicroUsd,
  };
}

export function viewCounters(c: Counters): CountersView {
  return {
    requests: c.requests.toString(),
    errors: c.errors.toString(),
    input_tokens: c.inputTokens.toString(),
    output_tokens: c.outputTokens.toString(),
    cost_micro_usd: c.costMicroUsd.toString(),
  };
}

export interface ProviderShare {
  readonly provider: string;
  readonly requests: string;
  readonly request_share: string;
  readonly tokens: string;
  readonly token_share: string;
  readonly cost_micro_usd: string;
  readonly cost_share: string;
}

/** Each provider's share of requests, tokens (input + output) and cost, 4 decimals, rounded half up. */
export function providerShares(
  rows: readonly { readonly provider: string; readonly counters: Counters }[],
): ProviderShare[] {
  const total = rows.reduce((sum, row) => sumCounters(sum, row.counters), ZERO);
  const totalTokens = total.inputTokens + total.outputTokens;
  return rows.map(({ provider, counters }) => {
    const tokens = counters.inputTokens + counters.outputTokens;
    return {
      provider,
      requests: counters.requests.toString(),
      request_share: ratioString(counters.requests, total.requests),
      tokens: tokens.toString(),
      token_share: ratioString(tokens, totalTokens),
      cost_micro_usd: counters.costMicroUsd.toString(),
      cost_share: ratioString(counters.costMicroUsd, total.costMicroUsd),
    };
  });
}
