// Pack text → validated, normalized pack, or every problem found, each at its path.
import { createHash } from 'node:crypto';
import { resolveTopLevelAliases, toWrittenPath, type PathRename } from './pack.aliases.js';
import { crossCheckPack } from './pack.cross-checks.js';
import { interpolateEnv, interpolateString, isPlainObject, type Env } from './pack.interpolation.js';
import type { PackIssue, PackResult } from './pack.issue.js';
import { normalizePack } from './pack.normalizer.js';
import { validatePackSchema } from './pack-schema.validation.js';
import { parseYaml } from './pack-yaml.parser.js';

export interface ParsePackOptions {
  /** Where `${VAR}` and secret references are read; defaults to `process.env`. */
  readonly env?: Env;
  /** A name for the text (its file path) used in syntax error locations and kept on the pack. */
  readonly source?: string;
  /**
   * Paths (`pack.name`) whose value must be written out: a `${VAR}` there is an error instead of
   * being read from `env`, for parsers whose environment is not the one the pack will run in.
   */
  readonly literalPaths?: readonly string[];
}

export function parsePack(text: string, options: ParsePackOptions = {}): PackResult {
  const env = options.env ?? process.env;
  const source = options.source ?? '<pack>';
  const yaml = parseYaml(text, source);
  if (!yaml.ok) return yaml;

  const aliased = resolveTopLevelAliases(yaml.value);
  const literal = literalIssues(aliased.value, options.literalPaths ?? []);
  const interpolated = interpolateEnv(aliased.value, env);
  const schema = validatePackSchema(interpolated.value, source, interpolated.interpolatedPaths);
  const crossChecks = crossCheckPack(interpolated.value);
  // A value with a missing variable would also fail its field rule; the variable is the news.
  const unresolved = new Set([...literal, ...interpolated.errors].map((issue) => issue.path));
  const later = [...(schema.ok ? [] : schema.errors), ...crossChecks.errors].filter(
    (issue) => !unresolved.has(issue.path),
  );
  const fromEnv = interpolated.errors.filter((issue) => !literal.some((l) => l.path === issue.path));
  const errors = written(dedupe([...aliased.errors, ...literal, ...fromEnv, ...later]), aliased.renames);
  const warnings = [...yaml.warnings, ...crossChecks.warnings];
  if (!schema.ok || errors.length > 0)
    return { ok: false, errors, warnings: written(warnings, aliased.renames) };

  const normalized = normalizePack({
    document: schema.document,
    sha256: createHash('sha256').update(text).digest('hex'),
    ...(options.source !== undefined && { source: options.source }),
    env,
  });
  return {
    ok: true,
    pack: normalized.pack,
    warnings: written([...warnings, ...normalized.warnings], aliased.renames),
  };
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

function written(issues: readonly PackIssue[], renames: readonly PathRename[]): PackIssue[] {
  return issues.map((issue) => ({ path: toWrittenPath(issue.path, renames), message: issue.message }));
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
