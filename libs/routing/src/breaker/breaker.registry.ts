import { CircuitBreaker, type BreakerTransition, type CircuitBreakerOptions } from './circuit.breaker.js';

/** One breaker per target id, created on first use with the pack's breaker settings. */
export class CircuitBreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly onTransition?: (targetId: string, transition: BreakerTransition) => void,
  ) {}

  get(targetId: string): CircuitBreaker {
    let breaker = this.breakers.get(targetId);
    if (breaker === undefined) {
      const notify = this.onTransition;
      breaker = new CircuitBreaker(this.options, notify && ((transition) => notify(targetId, transition)));
      this.breakers.set(targetId, breaker);
    }
    return breaker;
  }

  /** Target ids with a breaker so far (for metrics and sharing open periods). */
  targetIds(): readonly string[] {
    return [...this.breakers.keys()];
  }
}
