import { VENDORS, type Vendor } from '../vendor.model.js';

/** Requests one vendor's simulator received, by endpoint, and how they ended (status, or hang/malformed/stream-cut). */
export interface VendorStats {
  readonly total: number;
  readonly endpoints: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
}

export type SimStats = Readonly<Record<Vendor, VendorStats>>;

interface Counters {
  total: number;
  endpoints: Record<string, number>;
  outcomes: Record<string, number>;
}

/** In-memory counters; plain objects because they are bumped on every request of a benchmark. */
export class RequestStats {
  private counters = RequestStats.empty();

  received(vendor: Vendor, endpoint: string): void {
    const c = this.counters[vendor];
    c.total++;
    c.endpoints[endpoint] = (c.endpoints[endpoint] ?? 0) + 1;
  }

  ended(vendor: Vendor, outcome: string): void {
    const outcomes = this.counters[vendor].outcomes;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }

  snapshot(): SimStats {
    const copy = (c: Counters): VendorStats => ({
      total: c.total,
      endpoints: { ...c.endpoints },
      outcomes: { ...c.outcomes },
    });
    return {
      openai: copy(this.counters.openai),
      azure: copy(this.counters.azure),
      anthropic: copy(this.counters.anthropic),
    };
  }

  clear(): void {
    this.counters = RequestStats.empty();
  }

  private static empty(): Record<Vendor, Counters> {
    const entries = VENDORS.map((v) => [v, { total: 0, endpoints: {}, outcomes: {} }] as const);
    return Object.fromEntries(entries) as Record<Vendor, Counters>;
  }
}
