import type { RoutableTarget } from '../routable.types.js';
import type { RouteContext } from '../route.context.js';
import type { Strategy } from './strategy.js';

/**
 * Semantic routing's ordering step: the targets `ctx.semanticRoute(prompt)` names come first, in
 * the hook's order, then the others in pack order (the fallback). Without a hook, a prompt or any
 * named candidate it is exactly `ordered`. Matching the prompt to a route (LexicalIndex,
 * EmbeddingIndex, pickRoute in ../semantic) happens before, in the gateway.
 */
export class SemanticStrategy implements Strategy {
  readonly name = 'semantic';

  order<T extends RoutableTarget>(candidates: readonly T[], ctx: RouteContext): readonly T[] {
    if (ctx.semanticRoute === undefined || ctx.prompt === undefined) return candidates;
    const preferred = ctx.semanticRoute(ctx.prompt) ?? [];
    if (preferred.length === 0) return candidates;
    const byId = new Map(candidates.map((target) => [target.id, target]));
    const first: T[] = [];
    for (const id of preferred) {
      const target = byId.get(id);
      if (target === undefined) continue;
      first.push(target);
      byId.delete(id);
    }
    return [...first, ...candidates.filter((target) => byId.has(target.id))];
  }
}
