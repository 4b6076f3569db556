// Hot-path lookups over a loaded pack (map reads, no scanning).
import type { ModelGroup, Pack, Target } from './pack.model.js';

/** The group a client's model name selects, by group name or alias. */
export function findGroup(pack: Pack, nameOrAlias: string): ModelGroup | undefined {
  return pack.groupsByName.get(nameOrAlias);
}

export function findTarget(pack: Pack, id: string): Target | undefined {
  return pack.targetsById.get(id);
}

/** The group's targets in written order (validation guarantees every id exists). */
export function groupTargets(pack: Pack, group: ModelGroup): readonly Target[] {
  return group.targets.flatMap((id) => {
    const target = pack.targetsById.get(id);
    return target === undefined ? [] : [target];
  });
}
