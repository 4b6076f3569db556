// Weights may be fractional (0.7 / 0.3); scaling them to integers keeps the smooth weighted
// round robin exact, so its period never drifts through floating-point rounding.
const WEIGHT_SCALE = 1_000_000;

/** The weight as an integer number of millionths; 0 for zero, negative or non-finite weights. */
export function integerWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return Math.round(weight * WEIGHT_SCALE);
}
