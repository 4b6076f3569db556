// The checks shared by every way of reading a pack: YAML, aliases, `${VAR}`, fields and
// cross-field rules. Every message is concealed: a substituted value is named by its reference.
import { resolveTopLevelAliases, toWrittenPath } from './pack.aliases.js';
import { concealSubstitutions } from './pack.concealment.js';
import { crossCheckPack } from './pack.cross-checks.js';
import {
  interpolateEnv,
  interpolateString,
  isPlainObject,
  type InterpolationResult,
  type Resolve,
} from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';
import { validatePackSchema, type SchemaResult } from './pack-schema.validation.js';
import { parseYaml } from './pack-yaml.parser.js';

export interface CheckOptions {
  readonly resolve: Resolve;
  readonly source: string;
  readonly literalPaths: readonly string[];
}

export type PackCheck =
  | { readonly parsed: false; readonly errors: readonly PackIssue[]; readonly warnings: readonly PackIssue[] }
  | {
      readonly parsed: true;
      /** The document as written (aliases folded in), before substitution. */
      readonly document: unknown;
      readonly interpolated: InterpolationResult;
      readonly schema: SchemaResult;
      /** Issues at canonical paths (`providers.model_groups`), concealed. */
      readonly errors: readonly PackIssue[];
      readonly warnings: readonly PackIssue[];
      /** Canonical path → the path as written in the file. */
      readonly writtenPath: (path: string) => string;
    };

export function checkPackText(text: string, options: CheckOptions): PackCheck {
  const yaml = parseYaml(text, options.source);
  if (!yaml.ok) return { parsed: false, errors: yaml.errors, warnings: yaml.warnings };

  const aliased = resolveTopLevelAliases(yaml.value);
  const literal = literalIssues(aliased.value, options.literalPaths);
  const interpolated = interpolateEnv(aliased.value, options.resolve);
  const schema = validatePackSchema(interpolated.value, options.source, interpolated.substitutions);
  const crossChecks = crossCheckPack(interpolated.value);
  // A value with a missing variable would also fail its field rule; the variable is the news.
  const unresolved = new Set([...literal, ...interpolated.errors].map((issue) => issue.path));
  const later = [...(schema.ok ? [] : schema.errors), ...crossChecks.errors].filter(
    (issue) => !unresolved.has(issue.path),
  );
  const fromEnv = interpolated.errors.filter((issue) => !literal.some((l) => l.path === issue.path));
  const errors = dedupe([...aliased.errors, ...literal, ...fromEnv, ...later]);
  return {
    parsed: true,
    document: aliased.value,
    interpolated,
    schema,
    errors: concealSubstitutions(errors, interpolated),
    warnings: concealSubstitutions([...yaml.warnings, ...crossChecks.warnings], interpolated),
    writtenPath: (path) => toWrittenPath(path, aliased.renames),
  };
}

/** Issues at the paths the user wrote. */
export function written(issues: readonly PackIssue[], writtenPath: (path: string) => string): PackIssue[] {
  return issues.map((issue) => ({ path: writtenPath(issue.path), message: issue.message }));
}

/** A path that must be literal but holds a `${…}` reference (checked with no environment at all). */
function literalIssues(document: unknown, paths: readonly string[]): PackIssue[] {
  return paths.flatMap((path) => {
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), document);
    if (typeof value !== 'string' || interpolateString(value, {}).errors.length === 0) return [];
    return [{ path, message: 'expected literal text; ${VAR} is not read here (write $${ for a literal ${)' }];
  });
}

function dedupe(issues: readonly PackIssue[]): PackIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
