// What `kt pack validate` prints for a result, as data (lines and exit code), so the wording is
// tested without spawning a process.
import { formatIssues, type PackIssue, type PackResult } from '@kt/pack';
import { liveCatalog, unpricedPackTargets, type CatalogRef } from '@kt/pricing';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 2;

export interface ValidationReport {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ValidationJson {
  readonly valid: boolean;
  readonly errors: readonly PackIssue[];
  readonly warnings: readonly PackIssue[];
  readonly pack: { readonly name: string; readonly version: string } | null;
  /** The price catalog the check priced targets with (KT_PRICES_FILE's, when set). */
  readonly catalog: CatalogRef;
}

/**
 * Unpriced targets are warnings (exit 0): the pack works, but their traffic is booked as tokens
 * with no cost until a `base_model` or `pricing` says what they cost.
 */
export function reportValidation(file: string, result: PackResult, json: boolean): ValidationReport {
  const exitCode = result.ok ? EXIT_VALID : EXIT_INVALID;
  const catalog = liveCatalog();
  const unpriced = result.ok ? unpricedPackTargets(result.pack) : [];
  if (json) {
    const body: ValidationJson = {
      valid: result.ok,
      errors: result.ok ? [] : result.errors,
      warnings: [...result.warnings, ...unpriced.map(({ path, message }) => ({ path, message }))],
      pack: result.ok ? { name: result.pack.name, version: result.pack.version } : null,
      catalog,
    };
    return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  const warnings = [
    ...(result.warnings.length === 0 ? [] : [prefixed('warning', result.warnings)]),
    ...unpriced.map((target) => `warning: ${target.text}`),
  ]
    .map((line) => `${line}\n`)
    .join('');
  if (result.ok) {
    const { pack } = result;
    const counts = `${plural(pack.targets.length, 'target')}, ${plural(pack.groups.length, 'group')}`;
    const summary = `valid: ${pack.name}@${pack.version} (${counts})\nprices: ${catalog.name} ${catalog.version}\n`;
    return { exitCode, stdout: summary, stderr: warnings };
  }
  const header = `invalid: ${file} (${plural(result.errors.length, 'error')})\n`;
  return { exitCode, stdout: '', stderr: `${header}${formatIssues(result.errors)}\n${warnings}` };
}

function prefixed(label: string, issues: readonly PackIssue[]): string {
  return formatIssues(issues)
    .split('\n')
    .map((line) => `${label}: ${line}`)
    .join('\n');
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
