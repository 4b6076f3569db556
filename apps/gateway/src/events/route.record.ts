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

/**
 * The facts of one gateway request, filled in as it goes; becomes exactly one route event.
 *
 * The record is its own owner: the pipeline's steps write it only through the named methods below,
 * so each fact has one writer to read. It stays one mutable object rather than immutable step
 * results folded at the end because a stream settles after its handler returned, and the hot path
 * must not allocate a copy per step.
 */
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

  /** The caller authenticated, and the id it sent. */
  identify(caller: Caller, clientRequestId: string | undefined): void {
    this.caller = caller;
    this.clientRequestId = clientRequestId;
  }

  /** What planning settled: the group and strategy, and the targets skipped for an open breaker. */
  planned(group: string, strategy: string, circuitOpen: readonly Target[], plannedAtMs: number): void {
    this.group = group;
    this.strategy = strategy;
    for (const target of circuitOpen) this.skip(target, plannedAtMs);
  }

  routedSemantically(route: string, method: string): void {
    this.semanticRoute = `${route} (${method})`;
  }

  /** A new attempt at `target`, about to be sent upstream. */
  attempt(target: Target): AttemptRecord {
    const attempt = newAttempt(target);
    this.attempts.push(attempt);
    return attempt;
  }

  /** A target passed over because its breaker is open: it shows in the event and error summary. */
  skip(target: Target, atMs = Date.now()): void {
    this.attempts.push({ ...newAttempt(target, atMs), errorKind: 'circuit_open' });
  }

  serve(attempt: AttemptRecord): void {
    this.served = attempt;
  }

  /** Time waiting on an upstream (or in backoff before retrying one): not kt's overhead. */
  waited(ms: number): void {
    this.upstreamMs += ms;
  }

  /** Time kt worked after the client had its answer: not overhead either. */
  workedAfterResponse(ms: number): void {
    this.afterResponseMs += ms;
  }

  /** What the attempts from index `first` on cost (a target's share, or the whole request's). */
  costSince(first = 0): bigint {
    let cost = 0n;
    for (let i = first; i < this.attempts.length; i++) cost += this.attempts[i]!.costMicroUsd;
    return cost;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  overheadMs(): number {
    return Math.max(0, this.elapsedMs() - this.upstreamMs - this.afterResponseMs);
  }
}

function newAttempt(target: Target, startedAtMs = Date.now()): AttemptRecord {
  return {
    target,
    startedAtMs,
    upstreamModel: target.model,
    latencyMs: 0,
    ttftMs: null,
    status: 0,
    errorKind: null,
    usage: null,
    costMicroUsd: 0n,
    pricedBy: 'unpriced',
  };
}
