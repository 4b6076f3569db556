// Messages about a pack name values as the user wrote them: a value substituted from the
// environment (a broker address, a database URL, a key) is replaced by its `${VAR}` reference, so
// no validator, log line or API answer can be used to read an environment.
import type { InterpolationResult } from './pack.interpolation.js';
import type { PackIssue } from './pack.issue.js';

/**
 * Values this short are only replaced where a message quotes them whole (`"abc"`): replacing a bare
 * `1` or `on` would garble unrelated words and numbers, and are no secret.
 */
const BARE_MIN_LENGTH = 4;

type Substituted = Pick<InterpolationResult, 'substitutions' | 'resolved'>;

export function concealSubstitutions(issues: readonly PackIssue[], from: Substituted): PackIssue[] {
  const conceal = concealer(from);
  return issues.map((issue) => ({ path: issue.path, message: conceal(issue.message) }));
}

function concealer(from: Substituted): (message: string) => string {
  const replacements = new Map<string, string>();
  // Whole substituted strings first (they carry the surrounding literal text), then single values.
  for (const { raw, text } of from.substitutions.values()) if (text !== '') replacements.set(text, raw);
  for (const [name, value] of from.resolved) {
    if (value !== '' && !replacements.has(value)) replacements.set(value, `\${${name}}`);
  }
  if (replacements.size === 0) return (message) => message;
  const alternatives = [...replacements.keys()]
    .sort((a, b) => b.length - a.length)
    .map((text) => (text.length >= BARE_MIN_LENGTH ? escape(text) : `"${escape(text)}"`));
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${alternatives.join('|')})(?![A-Za-z0-9_])`, 'g');
  return (message) =>
    message.replace(pattern, (match) => {
      const whole = replacements.get(match);
      if (whole !== undefined) return whole;
      return `"${replacements.get(match.slice(1, -1)) ?? ''}"`;
    });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
