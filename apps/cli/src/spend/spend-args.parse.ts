// Parses the `kt spend` flags the server cannot check for us (the scope syntax, the threshold list).

export const SCOPE_KINDS = ['provider', 'target', 'group', 'team', 'key', 'global'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export const PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;
export const ACTIONS = ['alert', 'block'] as const;

export interface ParsedScope {
  readonly scope_kind: ScopeKind;
  readonly scope_value?: string;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `team:finance`, `provider:openai`, `global`. */
export function parseScope(text: string): Parsed<ParsedScope> {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const value = colon < 0 ? '' : text.slice(colon + 1);
  if (!(SCOPE_KINDS as readonly string[]).includes(kind)) {
    return {
      ok: false,
      error: `--scope: expected one of ${SCOPE_KINDS.join(', ')} (as KIND:NAME), got "${text}"`,
    };
  }
  if (kind === 'global') {
    return value === ''
      ? { ok: true, value: { scope_kind: 'global' } }
      : { ok: false, error: '--scope global takes no name' };
  }
  if (value === '') return { ok: false, error: `--scope ${kind} needs a name: --scope ${kind}:NAME` };
  return { ok: true, value: { scope_kind: kind as ScopeKind, scope_value: value } };
}

/** `50,80,100` → [50, 80, 100]: integers 1..100, strictly ascending. */
export function parseThresholds(text: string): Parsed<number[]> {
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  const valid = values.every(
    (pct, i) =>
      parts[i] !== '' && Number.isInteger(pct) && pct >= 1 && pct <= 100 && (i === 0 || pct > values[i - 1]),
  );
  return valid
    ? { ok: true, value: values }
    : { ok: false, error: `--thresholds: expected ascending integers 1..100 like 50,80,100, got "${text}"` };
}

export function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): Parsed<T> {
  return (allowed as readonly string[]).includes(text)
    ? { ok: true, value: text as T }
    : { ok: false, error: `${flag}: expected one of ${allowed.join(', ')}, got "${text}"` };
}
