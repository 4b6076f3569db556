import type { AttemptErrorKind, Caller, CatalogRef, Endpoint, PriceSource } from '@kt/contracts';
import type { Target } from '@kt/pack';
import type { TokenUsage } from '@kt/providers';

/** One call to one target, as it happened. */
export interface AttemptRecord {
  readonly target: Target;
  readonly startedAtMs: number;
  readonly upstreamModel: string;
  latencyMs: number;
  ttftMs: number | null;
  status: number;
  errorKind: AttemptErrorKind | null;
  usage: TokenUsage | null;
  costMicroUsd: bigint;
  pricedBy: PriceSource;
  /** The price catalog (name, version) that priced this attempt, when it did. */
  catalog?: CatalogRef;
}

/** The facts of one gateway request, filled in as it goes; becomes exactly one route event. */
export class RouteRecord {
  readonly startedAtMs = Date.now();
  private readonly startedAt = performance.now();
  caller: Caller | null = null;
  group: string | null = null;
  strategy: string | null = null;
  readonly attempts: AttemptRecord[] = [];
  served: AttemptRecord | null = null;
  /** `route (method)` when a semantic group matched the prompt to a route. */
  semanticRoute: string | null = null;
  /** The caller's own `x-request-id`, when it kept to the caps; kt's `requestId` is never it. */
  clientRequestId: string | undefined = undefined;
  /** Time spent waiting on upstreams and in retry backoff: the part of the duration that is not kt's. */
  upstreamMs = 0;
  /** kt's work after the client had the whole answer (counting a cut stream's tokens): not overhead. */
  afterResponseMs = 0;

  constructor(
    readonly requestId: string,
    readonly endpoint: Endpoint,
    readonly stream: boolean,
    readonly requestedModel: string,
  ) {}

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  overheadMs(): number {
    return Math.max(0, this.elapsedMs() - this.upstreamMs - this.afterResponseMs);
  }
}
