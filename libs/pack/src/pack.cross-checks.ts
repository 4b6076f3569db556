// Rules that span several fields, run on a forgiving view of the document so that they are
// reported together with field errors.
import { checkGroups } from './model-group.cross-checks.js';
import { viewDocument, type DocumentView } from './pack-document.view.js';
import { checkPackPricing } from './pack-pricing.cross-checks.js';
import { checkSemanticRoutes } from './semantic-routes.cross-checks.js';
import type { PackIssue } from './pack.issue.js';

export interface CrossCheckResult {
  readonly errors: readonly PackIssue[];
  readonly warnings: readonly PackIssue[];
}

export function crossCheckPack(document: unknown): CrossCheckResult {
  const view = viewDocument(document);
  return {
    errors: [
      ...checkTargets(view),
      ...checkGroups(view.groups, view.targets),
      ...checkPolicies(view),
      ...checkKeys(view),
      ...checkSemanticRoutes(document, view),
      ...checkPackPricing(document),
    ],
    warnings: unusedTargets(view),
  };
}

function checkTargets(view: DocumentView): PackIssue[] {
  const errors: PackIssue[] = [];
  const seen = new Set<string>();
  for (const target of view.targets) {
    const path = `providers.targets[${target.index}]`;
    if (target.id !== undefined) {
      if (seen.has(target.id))
        errors.push({
          path: `${path}.id`,
          message: `duplicate target id "${target.id}"; target ids must be unique`,
        });
      seen.add(target.id);
    }
    if (target.ref?.vendor === 'openai-compatible' && !target.hasBaseUrl) {
      errors.push({
        path: `${path}.base_url`,
        message: 'required for openai-compatible targets; expected an http(s) URL',
      });
    }
  }
  return errors;
}

function checkPolicies(view: DocumentView): PackIssue[] {
  const errors: PackIssue[] = [];
  if (
    view.circuitBreaker['cooldown_seconds'] !== undefined &&
    view.circuitBreaker['recovery_timeout'] !== undefined
  ) {
    errors.push({
      path: 'providers.circuit_breaker.recovery_timeout',
      message: 'alias of cooldown_seconds, which is also given; keep one',
    });
  }
  const base = view.retry['base_delay_ms'];
  const max = view.retry['max_delay_ms'];
  if (typeof base === 'number' && typeof max === 'number' && max < base) {
    errors.push({
      path: 'providers.fallback.retry.max_delay_ms',
      message: `expected a value >= base_delay_ms (${base}); got ${max}`,
    });
  }
  return errors;
}

function checkKeys(view: DocumentView): PackIssue[] {
  const errors: PackIssue[] = [];
  const ids = new Set<string>();
  const digests = new Set<string>();
  for (const key of view.keys) {
    const path = `auth.keys[${key.index}]`;
    if (key.id !== undefined) {
      if (ids.has(key.id))
        errors.push({ path: `${path}.id`, message: `duplicate key id "${key.id}"; key ids must be unique` });
      ids.add(key.id);
    }
    if (key.sha256 !== undefined) {
      if (digests.has(key.sha256))
        errors.push({
          path: `${path}.sha256`,
          message: 'the same key digest is listed twice; a key belongs to one team',
        });
      digests.add(key.sha256);
    }
  }
  return errors;
}

function unusedTargets(view: DocumentView): PackIssue[] {
  const used = new Set(view.groups.flatMap((group) => group.targets.map((ref) => ref.value)));
  return view.targets.flatMap((target) =>
    target.id === undefined || used.has(target.id)
      ? []
      : [
          {
            path: `providers.targets[${target.index}].id`,
            message: `target "${target.id}" is not used by any model group`,
          },
        ],
  );
}
