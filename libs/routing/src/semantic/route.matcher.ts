import type { RouteMatch, RouteScore } from './semantic.types.js';

/** The best-scoring route at or above the threshold, else the default route, else none. */
export function pickRoute(
  scores: readonly RouteScore[],
  threshold: number,
  method: 'embedding' | 'lexical',
  defaultRoute: string | undefined,
): RouteMatch | undefined {
  const best = scores[0];
  if (best !== undefined && best.score >= threshold && best.score > 0) return { ...best, method };
  return defaultRoute === undefined ? undefined : { route: defaultRoute, score: 0, method: 'default' };
}
