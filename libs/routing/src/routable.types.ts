// The small structural shapes routing needs. The pack's normalized `Target` and `ModelGroup`
// satisfy them as they are, so routing never imports the pack library.

/** Prices per million tokens, in integer micro-USD. */
export interface TargetPrice {
  readonly inputMicroUsdPerMillion: bigint;
  readonly outputMicroUsdPerMillion: bigint;
}

export interface RoutableTarget {
  readonly id: string;
  readonly vendor: string;
  /** Share of traffic for the weighted strategies; 0 = standby (never picked first). */
  readonly weight: number;
  readonly pricing?: TargetPrice;
}

/** Per-group routing settings; the pack puts them under `routing`. */
export interface GroupRouting {
  readonly strategy?: string;
  readonly minSampleCount?: number;
  readonly windowSeconds?: number;
}

export interface RoutableGroup {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Target ids in the order written (the `ordered` strategy relies on it). */
  readonly targets: readonly string[];
  readonly fallbackGroup?: string;
  /** The pack's shape: the group's routing with pack defaults applied. */
  readonly routing?: GroupRouting;
  /** Flat spellings, used when `routing` does not set them. */
  readonly strategy?: string;
  readonly minSampleCount?: number;
  readonly windowSeconds?: number;
}
