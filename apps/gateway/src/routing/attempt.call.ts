import type { ProviderAdapter, TokenUsage, UpstreamCall } from '@kt/providers';
import type { UsageBound } from '../budgets/usage.bound.js';

/** How one endpoint calls a target, and reads the usage of what came back. */
export interface AttemptCall<R> {
  readonly kind: 'chat' | 'embeddings';
  readonly streaming: boolean;
  /** The most tokens the request can be billed for: what block budgets' leases reserve. */
  readonly usageBound: UsageBound;
  invoke(adapter: ProviderAdapter, call: Omit<UpstreamCall<never>, 'body'>): Promise<R>;
  usage(result: R): TokenUsage | null;
}
