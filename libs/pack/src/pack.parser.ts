// Pack text → validated, normalized pack, or every problem found, each at its path.
import { createHash } from 'node:crypto';
import { envResolver, type Env } from './pack.interpolation.js';
import type { PackResult } from './pack.issue.js';
import { normalizePack } from './pack.normalizer.js';
import { concealSubstitutions } from './pack.concealment.js';
import { checkPackText, written } from './pack-text.check.js';

export interface ParsePackOptions {
  /**
   * Where `${VAR}` and secret references are read: the caller's environment, handed over by its entry
   * point. A parser given none sees no variable (the format never reads `process.env` itself).
   */
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
  const env = options.env ?? {};
  const source = options.source ?? '<pack>';
  const check = checkPackText(text, {
    resolve: envResolver(env),
    source,
    literalPaths: options.literalPaths ?? [],
  });
  if (!check.parsed) return { ok: false, errors: check.errors, warnings: check.warnings };
  const { schema, errors, warnings, writtenPath } = check;
  if (!schema.ok || errors.length > 0)
    return { ok: false, errors: written(errors, writtenPath), warnings: written(warnings, writtenPath) };

  const normalized = normalizePack({
    document: schema.document,
    sha256: createHash('sha256').update(text).digest('hex'),
    ...(options.source !== undefined && { source: options.source }),
    env,
  });
  const normalizedWarnings = concealSubstitutions(normalized.warnings, check.interpolated);
  return {
    ok: true,
    pack: normalized.pack,
    warnings: written([...warnings, ...normalizedWarnings], writtenPath),
  };
}
