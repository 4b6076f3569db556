import { DEFAULT_MIN_SAMPLE_COUNT, DEFAULT_WINDOW_SECONDS, type StrategyOptions } from './strategy.js';

export interface WindowSettings {
  readonly minSampleCount: number;
  readonly windowMs: number;
}

/** The sample threshold and window of the stats-based strategies, with the pack's defaults. */
export function windowSettings(options: StrategyOptions): WindowSettings {
  return {
    minSampleCount: Math.max(1, options.minSampleCount ?? DEFAULT_MIN_SAMPLE_COUNT),
    windowMs: Math.max(1, options.windowSeconds ?? DEFAULT_WINDOW_SECONDS) * 1000,
  };
}
