import type { AttemptRecord } from '../events/route.record.js';

/**
 * The target-to-target moves of one request, in order: each time an attempt went to a different
 * target than the one tried before. Targets skipped because their breaker was open are not tried,
 * so a skip is not a move (the next target tried is then the first).
 */
export function fallbacksOf(attempts: readonly AttemptRecord[]): readonly (readonly [string, string])[] {
  const moves: [string, string][] = [];
  let previous: string | undefined;
  for (const attempt of attempts) {
    if (attempt.errorKind === 'circuit_open') continue;
    const target = attempt.target.id;
    if (previous !== undefined && previous !== target) moves.push([previous, target]);
    previous = target;
  }
  return moves;
}
