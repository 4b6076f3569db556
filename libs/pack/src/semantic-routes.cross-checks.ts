// Checks of semantic routing (`routes` and `semantic` of a model group): every route names one
// destination that exists, the default route is a route, the embedding target embeds.
import { isPlainObject } from './pack.interpolation.js';
import type { DocumentView } from './pack-document.view.js';
import type { PackIssue } from './pack.issue.js';

const mapping = (value: unknown): Readonly<Record<string, unknown>> => (isPlainObject(value) ? value : {});
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function checkSemanticRoutes(document: unknown, view: DocumentView): PackIssue[] {
  const providers = mapping(mapping(document)['providers']);
  const packStrategy = text(mapping(providers['routing'])['strategy']);
  const groupNames = new Set(view.groups.flatMap((g) => (g.name === undefined ? [] : [g.name])));
  const kinds = new Map(
    view.targets.flatMap((t) => (t.id === undefined ? [] : [[t.id, t.ref?.kind] as const])),
  );
  return list(providers['model_groups']).flatMap((value, index) =>
    checkGroup(mapping(value), `providers.model_groups[${index}]`, { packStrategy, groupNames, kinds }),
  );
}

interface Known {
  readonly packStrategy?: string;
  readonly groupNames: ReadonlySet<string>;
  readonly kinds: ReadonlyMap<string, string | undefined>;
}

function checkGroup(group: Readonly<Record<string, unknown>>, path: string, known: Known): PackIssue[] {
  const errors: PackIssue[] = [];
  const hasRoutes = group['routes'] !== undefined;
  const semantic = mapping(group['semantic']);
  const strategy =
    text(group['strategy']) ?? text(mapping(group['routing'])['strategy']) ?? known.packStrategy;
  if (strategy === 'semantic' && !hasRoutes)
    errors.push({
      path: `${path}.routes`,
      message: 'required by strategy semantic; expected a non-empty list of routes',
    });
  if ((hasRoutes || group['semantic'] !== undefined) && strategy !== 'semantic')
    errors.push({ path: `${path}.strategy`, message: 'expected semantic for a group with routes' });
  const members = new Set(list(group['targets']).flatMap((t) => (typeof t === 'string' ? [t] : [])));
  const names = new Set<string>();
  list(group['routes']).forEach((value, index) => {
    const route = mapping(value);
    const at = `${path}.routes[${index}]`;
    const name = text(route['name']);
    if (name !== undefined) {
      if (names.has(name)) errors.push({ path: `${at}.name`, message: `duplicate route name "${name}"` });
      names.add(name);
    }
    const target = text(route['target']);
    const toGroup = text(route['group']);
    if ((target === undefined) === (toGroup === undefined))
      errors.push({ path: at, message: 'expected exactly one of target (of this group) or group' });
    else if (target !== undefined && !members.has(target))
      errors.push({
        path: `${at}.target`,
        message: `"${target}" is not a target of this group; expected one of: ${[...members].join(', ')}`,
      });
    else if (toGroup !== undefined && (!known.groupNames.has(toGroup) || toGroup === text(group['name'])))
      errors.push({ path: `${at}.group`, message: `"${toGroup}" is not another model group of this pack` });
  });
  const defaultRoute = text(semantic['default_route']);
  if (defaultRoute !== undefined && !names.has(defaultRoute))
    errors.push({
      path: `${path}.semantic.default_route`,
      message: `unknown route "${defaultRoute}"; expected one of: ${[...names].join(', ')}`,
    });
  const embedder = text(semantic['embedding_target']);
  if (embedder !== undefined && known.kinds.get(embedder) !== 'embeddings')
    errors.push({
      path: `${path}.semantic.embedding_target`,
      message: known.kinds.has(embedder)
        ? `target "${embedder}" is not an embeddings target`
        : `unknown target "${embedder}"; expected the id of an embeddings target`,
    });
  return errors;
}
