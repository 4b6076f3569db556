// Checks across model groups: names, aliases, target references, fallback chains, weights,
// kinds and data policies. Pure functions of the document view.
import type { GroupView, TargetView } from './pack-document.view.js';
import { childPath, type PackIssue } from './pack.issue.js';

const groupPath = (group: GroupView, key?: string, index?: number): string => {
  const base = `providers.model_groups[${group.index}]`;
  const withKey = key === undefined ? base : childPath(base, key);
  return index === undefined ? withKey : childPath(withKey, index);
};

export function checkGroups(groups: readonly GroupView[], targets: readonly TargetView[]): PackIssue[] {
  const targetsById = new Map<string, TargetView>();
  for (const target of targets)
    if (target.id !== undefined && !targetsById.has(target.id)) targetsById.set(target.id, target);
  return [
    ...checkNames(groups),
    ...groups.flatMap((group) => checkTargetRefs(group, targetsById)),
    ...checkFallbacks(groups),
  ];
}

function checkNames(groups: readonly GroupView[]): PackIssue[] {
  const errors: PackIssue[] = [];
  const owners = new Map<string, { readonly group: GroupView; readonly asAlias: boolean }>();
  for (const group of groups) {
    if (group.name === undefined) continue;
    const owner = owners.get(group.name);
    if (owner === undefined) owners.set(group.name, { group, asAlias: false });
    else
      errors.push({
        path: groupPath(group, 'name'),
        message: `duplicate group name "${group.name}"; group names must be unique`,
      });
  }
  for (const group of groups) {
    for (const alias of group.aliases) {
      const owner = owners.get(alias.value);
      if (owner === undefined) {
        owners.set(alias.value, { group, asAlias: true });
        continue;
      }
      if (owner.group === group && !owner.asAlias) continue;
      const what =
        owner.group === group
          ? 'is listed twice'
          : owner.asAlias
            ? `collides with an alias of group "${owner.group.name}"`
            : `collides with the group name "${alias.value}"`;
      errors.push({
        path: groupPath(group, 'aliases', alias.index),
        message: `alias "${alias.value}" ${what}; every name and alias must be unique`,
      });
    }
  }
  return errors;
}

function checkTargetRefs(group: GroupView, targetsById: ReadonlyMap<string, TargetView>): PackIssue[] {
  const errors: PackIssue[] = [];
  const seen = new Set<string>();
  const members: TargetView[] = [];
  for (const ref of group.targets) {
    const target = targetsById.get(ref.value);
    const path = groupPath(group, 'targets', ref.index);
    if (seen.has(ref.value))
      errors.push({ path, message: `target "${ref.value}" is listed twice in this group` });
    // Without any valid target the list itself is reported; every reference would repeat it.
    else if (target === undefined && targetsById.size > 0) {
      const known = [...targetsById.keys()].join(', ');
      errors.push({
        path,
        message: `unknown target "${ref.value}"; expected one of the target ids: ${known}`,
      });
    } else if (target !== undefined) {
      members.push(target);
      const unmet = unmetDataPolicy(group, target);
      if (unmet.length > 0)
        errors.push({
          path,
          message: `target "${ref.value}" does not meet this group's data policy: ${unmet.join(', ')}`,
        });
    }
    seen.add(ref.value);
  }
  const weights = members.map((t) => t.weight);
  if (weights.length > 0 && weights.every((w) => w === 0)) {
    errors.push({
      path: groupPath(group, 'targets'),
      message: 'every target of this group has weight 0; at least one needs a weight > 0',
    });
  }
  const kinds = new Set(members.flatMap((t) => (t.ref === undefined ? [] : [t.ref.kind])));
  if (kinds.size > 1) {
    errors.push({
      path: groupPath(group, 'targets'),
      message: `mixes ${[...kinds].join(' and ')} targets; a group serves one kind of model`,
    });
  }
  return errors;
}

function unmetDataPolicy(group: GroupView, target: TargetView): string[] {
  const unmet: string[] = [];
  if (group.requireZeroDataRetention && !target.zeroDataRetention) unmet.push('zero data retention required');
  if (group.requireNoTraining && !target.trainingOptOut) unmet.push('training opt-out required');
  if (group.maxRetentionDays !== undefined && !target.zeroDataRetention) {
    const days = target.retentionDays;
    if (days === undefined || days > group.maxRetentionDays) {
      unmet.push(
        `retention of at most ${group.maxRetentionDays} days required (target declares ${days === undefined ? 'none' : `${days} days`})`,
      );
    }
  }
  return unmet;
}

function checkFallbacks(groups: readonly GroupView[]): PackIssue[] {
  const errors: PackIssue[] = [];
  const byName = new Map<string, GroupView>();
  for (const group of groups)
    if (group.name !== undefined && !byName.has(group.name)) byName.set(group.name, group);
  const names = [...byName.keys()].join(', ');
  for (const group of groups) {
    if (group.fallbackGroup !== undefined && !byName.has(group.fallbackGroup)) {
      errors.push({
        path: groupPath(group, 'fallback_group'),
        message: `unknown group "${group.fallbackGroup}"; expected one of the group names: ${names}`,
      });
    }
  }
  for (const cycle of findFallbackCycles(byName)) {
    const first = byName.get(cycle[0] ?? '');
    if (first !== undefined)
      errors.push({
        path: groupPath(first, 'fallback_group'),
        message: `fallback cycle: ${[...cycle, cycle[0]].join(' -> ')}`,
      });
  }
  return errors;
}

/** Each cycle once, starting at its earliest-declared group. */
export function findFallbackCycles(byName: ReadonlyMap<string, GroupView>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of byName.keys()) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !chain.includes(current)) {
      chain.push(current);
      current = byName.get(current)?.fallbackGroup;
    }
    if (current !== undefined && chain.includes(current)) {
      const cycle = chain.slice(chain.indexOf(current));
      const order = (name: string): number => byName.get(name)?.index ?? 0;
      const startAt = cycle.reduce((best, name, i) => (order(name) < order(cycle[best] ?? '') ? i : best), 0);
      cycles.push([...cycle.slice(startAt), ...cycle.slice(0, startAt)]);
    }
    for (const name of chain) done.add(name);
  }
  return cycles;
}
