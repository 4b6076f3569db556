// Validation findings. Paths are written the way the user wrote the YAML
// (`providers.targets[2].weight`), so they can be found in the file.

import type { Pack } from './pack.model.js';

export interface PackIssue {
  readonly path: string;
  readonly message: string;
}

export type PackResult =
  | { readonly ok: true; readonly pack: Pack; readonly warnings: readonly PackIssue[] }
  | { readonly ok: false; readonly errors: readonly PackIssue[]; readonly warnings: readonly PackIssue[] };

/** Appends a key or an index to a path: `childPath('a', 'b')` → `a.b`, `childPath('a', 0)` → `a[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** One issue a line, `path: message`, for terminals and logs. */
export function formatIssues(issues: readonly PackIssue[]): string {
  return issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('\n');
}
