// Builds pack texts for the table-driven validation specs: a valid base pack plus edits at paths.
import { stringify } from 'yaml';
import { parsePack, type PackIssue } from '@kt/pack';

export type Edit = readonly [path: string, value: unknown];
export const REMOVE = Symbol('remove');

export interface InvalidCase {
  readonly name: string;
  readonly text: string;
  readonly errors: readonly PackIssue[];
}

export function validPack(): Record<string, unknown> {
  return {
    pack: { name: 'table', version: '1.0.0', enabled: true },
    auth: { keys: [{ id: 'svc-a', sha256: 'a'.repeat(64), team: 'search' }] },
    providers: {
      model_groups: [
        { name: 'main', aliases: ['main-alias'], fallback_group: 'backup', targets: ['a', 'b'] },
        { name: 'backup', targets: ['c'] },
      ],
      targets: [
        { id: 'a', provider: 'openai:chat:gpt-4o', weight: 2 },
        { id: 'b', provider: 'azure:chat:gpt-4o', weight: 1 },
        { id: 'c', provider: 'anthropic:chat:claude-3-5-sonnet' },
      ],
    },
  };
}

/** Sets (or removes) the value at a path such as `providers.targets[0].weight`. */
function applyEdit(root: Record<string, unknown>, [path, value]: Edit): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  if (value === REMOVE) delete node[last];
  else node[last] = value;
}

/** The base pack with the edits applied, as YAML text. */
export function packText(...edits: Edit[]): string {
  const doc = validPack();
  for (const edit of edits) applyEdit(doc, edit);
  return stringify(doc);
}

/** The errors of a pack text (empty when it is valid), read with an empty environment. */
export function errorsOf(text: string): readonly PackIssue[] {
  const result = parsePack(text, { env: {}, source: 'table.yaml' });
  return result.ok ? [] : result.errors;
}
