import type { FaultSpec } from './faults/fault.model.js';
import type { Random } from './faults/fault.plan.js';
import type { RequestStats } from './stats/request.stats.js';

/** Reply shape knobs shared by all vendors. */
export interface SimSettings {
  /** Length of a text reply in tokens when max_tokens does not cut it (default 20). */
  readonly replyTokens: number;
  /** Embedding size when the request gives no `dimensions` (default 64). */
  readonly embeddingDimensions: number;
  /** Azure deployment → model name; when empty, any deployment is accepted and named after itself. */
  readonly azureDeployments: Readonly<Record<string, string>>;
}

/** What one vendor's simulator gets from the suite: its keys, its live faults, the shared stats. */
export interface VendorRuntime {
  readonly keys: ReadonlySet<string>;
  readonly faults: () => FaultSpec;
  readonly stats: RequestStats;
  readonly random: Random;
  readonly settings: SimSettings;
}
