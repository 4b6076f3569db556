/** Env variables whose values are secrets: provider keys, gateway keys, tokens, passwords. */
const SECRET_ENV = /(API_KEYS?|TOKEN|SECRET|PASSWORD|PASSWD)$/i;
const MIN_SECRET_LENGTH = 6;

// Shapes of secrets whatever their source: bearer tokens, `sk-…` keys, passwords in URLs.
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  [/\bsk-[A-Za-z0-9_*-]{6,}/g, '[redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1[redacted]@'],
];

/**
 * The secret values in an environment: every variable named like a key, token or password.
 * `KT_API_KEYS` (`key:team,…`) contributes the keys, not the team names.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !SECRET_ENV.test(name)) continue;
    const parts = name.endsWith('KEYS')
      ? value.split(',').map((entry) => entry.split(':')[0] ?? '')
      : [value];
    for (const part of parts) if (part.trim().length >= MIN_SECRET_LENGTH) secrets.add(part.trim());
  }
  // Longest first, so a key that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** `text` with known secret values and secret-shaped tokens replaced by `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (safe.includes(secret)) safe = safe.split(secret).join('[redacted]');
  for (const [pattern, replacement] of PATTERNS) safe = safe.replace(pattern, replacement);
  return safe;
}
