/**
 * Env variables whose values are secrets: provider keys (also `OPENAI_API_KEY_NEXT` and the like),
 * gateway keys, tokens, passwords — the word anywhere in the name.
 */
const SECRET_ENV = /API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD/i;
// Numbers and booleans are settings (`KT_BUDGET_DEFAULT_MAX_TOKENS=4096`), never worth redacting.
const NOT_SECRET = /^(\d+|true|false)$/i;
const MIN_SECRET_LENGTH = 6;

// Shapes of secrets whatever their source: bearer tokens, `sk-…` keys, passwords in URLs.
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  [/\bsk-[A-Za-z0-9_*-]{6,}/g, '[redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1[redacted]@'],
];

/**
 * The secret values in an environment: every variable named like a key, token or password.
 * Lists contribute their secret parts only: `…KEYS` (`KT_API_KEYS`: `key:team,…`) the keys,
 * `…TOKENS` (`REPORTING_TOKENS`: `role:name:secret,…`) the secrets.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !SECRET_ENV.test(name)) continue;
    for (const part of secretParts(name.toUpperCase(), value)) {
      const secret = part.trim();
      if (secret.length >= MIN_SECRET_LENGTH && !NOT_SECRET.test(secret)) secrets.add(secret);
    }
  }
  // Longest first, so a key that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

function secretParts(name: string, value: string): string[] {
  const entries = value.split(',');
  // The gateway reads `key:team` up to the last colon, so a key may contain colons.
  if (name.endsWith('KEYS')) return entries.map((entry) => entry.slice(0, keyEnd(entry)));
  if (name.endsWith('TOKENS')) return entries.map((entry) => entry.slice(secretStart(entry)));
  return [value];
}

function keyEnd(entry: string): number {
  const colon = entry.lastIndexOf(':');
  return colon > 0 ? colon : entry.length;
}

/** Where the secret of `role:name:secret` starts (0 when the entry has another shape). */
function secretStart(entry: string): number {
  const first = entry.indexOf(':');
  const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
  return second < 0 ? 0 : second + 1;
}

/** `text` with known secret values and secret-shaped tokens replaced by `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (safe.includes(secret)) safe = safe.split(secret).join('[redacted]');
  for (const [pattern, replacement] of PATTERNS) safe = safe.replace(pattern, replacement);
  return safe;
}
