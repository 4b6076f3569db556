import { cosine } from './vector.math.js';
import type { RouteScore, SemanticRouteSpec } from './semantic.types.js';

/**
 * Routes' example embeddings, computed once when the pack is loaded; a prompt's embedding is
 * scored against them by cosine similarity (a route scores its best example).
 */
export class EmbeddingIndex {
  private readonly routes: readonly {
    readonly name: string;
    readonly vectors: readonly (readonly number[])[];
  }[];

  /** `vectors` holds one embedding per example, in the routes' order (as one batch call returns them). */
  constructor(routes: readonly SemanticRouteSpec[], vectors: readonly (readonly number[])[]) {
    const total = routes.reduce((n, r) => n + r.examples.length, 0);
    if (vectors.length !== total)
      throw new RangeError(`expected ${total} example embeddings, got ${vectors.length}`);
    let next = 0;
    this.routes = routes.map((route) => ({
      name: route.name,
      vectors: route.examples.map(() => vectors[next++]!),
    }));
  }

  score(promptVector: readonly number[]): RouteScore[] {
    return this.routes
      .map((route) => ({
        route: route.name,
        score: Math.max(0, ...route.vectors.map((v) => cosine(promptVector, v))),
      }))
      .sort((a, b) => b.score - a.score);
  }
}
