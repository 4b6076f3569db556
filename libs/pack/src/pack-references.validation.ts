// Validation for a service that publishes a pack for others (reporting → every gateway): `${VAR}`
// references are kept as written, never read from this process's environment. What depends on a
// variable's value (its format, which target an id names) is the gateways' to check when they
// substitute their own environment; everything else is checked here.
import { createHash } from 'node:crypto';
import { isPlainObject, keepReferences } from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';
import { checkPackText, written } from './pack-text.check.js';

export interface PackIdentity {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
}

export type ReferenceValidation =
  | { readonly ok: true; readonly identity: PackIdentity; readonly warnings: readonly PackIssue[] }
  | { readonly ok: false; readonly errors: readonly PackIssue[]; readonly warnings: readonly PackIssue[] };

/** The pack's identity is written out: it names the pack in events and histories before any gateway reads it. */
const IDENTITY_PATHS = ['pack.name', 'pack.version'];

const REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

export function validatePackReferences(text: string, source = '<pack>'): ReferenceValidation {
  const check = checkPackText(text, { resolve: keepReferences, source, literalPaths: IDENTITY_PATHS });
  if (!check.parsed) return { ok: false, errors: check.errors, warnings: check.warnings };
  // The identity must be literal, so its issues always stand; so does a reference to kt's own
  // variables, whatever else the string holds: no gateway may ever read one.
  const refused = new Set(check.interpolated.refused.map(issueKey));
  const deferred = (issue: PackIssue): boolean =>
    !IDENTITY_PATHS.includes(issue.path) &&
    !refused.has(issueKey(issue)) &&
    (check.interpolated.interpolatedPaths.has(issue.path) || REFERENCE.test(issue.message));
  const errors = check.errors.filter((issue) => !deferred(issue));
  const warnings = check.warnings.filter((issue) => !deferred(issue));
  const identity = identityOf(check.document, text);
  if (errors.length > 0 || identity === undefined)
    return {
      ok: false,
      errors: written(
        errors.length > 0 ? errors : [{ path: 'pack', message: 'required' }],
        check.writtenPath,
      ),
      warnings: written(warnings, check.writtenPath),
    };
  return { ok: true, identity, warnings: written(warnings, check.writtenPath) };
}

function issueKey(issue: PackIssue): string {
  return `${issue.path}\u0000${issue.message}`;
}

function identityOf(document: unknown, text: string): PackIdentity | undefined {
  const pack = isPlainObject(document) ? document['pack'] : undefined;
  if (!isPlainObject(pack)) return undefined;
  const { name, version } = pack;
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  return { name, version, sha256: createHash('sha256').update(text).digest('hex') };
}
