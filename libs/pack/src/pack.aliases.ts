// The product family's top-level spellings (`provider_routing`, `provider_fallback`,
// `model_groups`) are folded into `providers`, remembering how the user wrote them so every
// issue can be reported at the path found in their file.
import { isPlainObject } from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';

export interface PathRename {
  readonly canonical: string;
  readonly written: string;
}

export const TOP_LEVEL_ALIASES: readonly PathRename[] = [
  { written: 'provider_routing', canonical: 'providers.routing' },
  { written: 'provider_fallback', canonical: 'providers.fallback' },
  { written: 'model_groups', canonical: 'providers.model_groups' },
];

export interface AliasResult {
  readonly value: unknown;
  readonly renames: readonly PathRename[];
  readonly errors: readonly PackIssue[];
}

export function resolveTopLevelAliases(root: unknown): AliasResult {
  if (!isPlainObject(root) || !TOP_LEVEL_ALIASES.some((a) => Object.hasOwn(root, a.written))) {
    return { value: root, renames: [], errors: [] };
  }
  const out: Record<string, unknown> = { ...root };
  const renames: PathRename[] = [];
  const errors: PackIssue[] = [];
  const providersGiven = out['providers'] !== undefined;
  // A malformed `providers` is reported by validation; the aliases cannot be merged into it.
  const providers: Record<string, unknown> | undefined = !providersGiven
    ? {}
    : isPlainObject(out['providers'])
      ? { ...out['providers'] }
      : undefined;
  for (const alias of TOP_LEVEL_ALIASES) {
    if (!Object.hasOwn(out, alias.written)) continue;
    const aliasValue = out[alias.written];
    delete out[alias.written];
    if (providers === undefined) continue;
    const key = alias.canonical.slice('providers.'.length);
    if (providers[key] !== undefined) {
      errors.push({ path: alias.written, message: `given twice, here and as ${alias.canonical}; keep one` });
      continue;
    }
    providers[key] = aliasValue;
    renames.push(alias);
  }
  if (providers !== undefined) out['providers'] = providers;
  return { value: out, renames, errors };
}

/** Maps a canonical path back to the spelling the user wrote (`providers.model_groups[1]` → `model_groups[1]`). */
export function toWrittenPath(path: string, renames: readonly PathRename[]): string {
  for (const { canonical, written } of renames) {
    if (path === canonical) return written;
    const next = path.charAt(canonical.length);
    if (path.startsWith(canonical) && (next === '.' || next === '['))
      return written + path.slice(canonical.length);
  }
  return path;
}
