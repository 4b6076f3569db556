import type { MatchLogic } from '@pydantic/genai-prices';
import { compiledRegex } from './safe.regex.js';

// The dataset's match rules are its curated aliases (`equals`) plus patterns (`starts_with`,
// `contains`, `ends_with`, `regex`) that also catch ids nobody listed: `starts_with:
// "claude-sonnet-5"` would price a future "claude-sonnet-5-5" as Sonnet 5. kt takes a pattern's
// match only when what the pattern leaves over is a version decoration of the same model — a
// snapshot date, `-latest`, a Bedrock `-v1:0` suffix, a region or vendor namespace before it — and
// every date in the id is a real calendar date. Anything else is unpriced, never guessed.

/** After a pattern: `-20250514`, `-2024-08-06`, `@20250514`, `-latest`, `-v1`, `-v2:0`, `:0`, repeated. */
const VERSION_SUFFIX = /^(?:(?:[-@]\d{8}|-\d{4}-\d{2}-\d{2}|-latest|-v\d+(?::\d+)?|:\d+))*$/;
/** Before a pattern: a Bedrock region (`us.`, `global.`) and/or a vendor namespace (`anthropic.`). */
const NAMESPACE_PREFIX =
  /^(?:(?:global|us|us-gov|eu|apac|au|jp|in|ca)\.)?(?:(?:anthropic|amazon|meta|mistral|openai|deepseek|google|qwen|writer|nvidia|cohere|ai21)\.)?$/;
const DASHED_DATE = /(\d{4})-(\d{2})-(\d{2})/g;
const COMPACT_DATE = /(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)/g;

/** True when `modelId` (already lower-cased and trimmed) matches `rule` exactly or as a curated alias. */
export function matchesCurated(rule: MatchLogic, modelId: string): boolean {
  return hasOnlyRealDates(modelId) && matches(rule, modelId);
}

/**
 * matchesCurated for one id against many rules: its dates are checked once, not once per model
 * (a lookup walks a provider's whole model list).
 */
export function curatedMatcher(modelId: string): (rule: MatchLogic) => boolean {
  if (!hasOnlyRealDates(modelId)) return () => false;
  return (rule) => matches(rule, modelId);
}

function matches(rule: MatchLogic, id: string): boolean {
  if ('or' in rule) return rule.or.some((child) => matches(child, id));
  if ('and' in rule) return rule.and.length > 0 && rule.and.every((child) => matches(child, id));
  if ('equals' in rule) return id === rule.equals.toLowerCase();
  if ('starts_with' in rule) {
    const head = rule.starts_with.toLowerCase();
    return id.startsWith(head) && isVersionSuffix(head, id.slice(head.length));
  }
  if ('ends_with' in rule) {
    const tail = rule.ends_with.toLowerCase();
    return id.endsWith(tail) && NAMESPACE_PREFIX.test(id.slice(0, id.length - tail.length));
  }
  if ('contains' in rule) {
    const part = rule.contains.toLowerCase();
    const at = id.indexOf(part);
    return (
      at >= 0 && NAMESPACE_PREFIX.test(id.slice(0, at)) && isVersionSuffix(part, id.slice(at + part.length))
    );
  }
  // A regex is curated only when it pins the whole id; its dates are checked above.
  if ('regex' in rule)
    return rule.regex.startsWith('^') && rule.regex.endsWith('$') && safeTest(rule.regex, id);
  return false;
}

/**
 * What follows a pattern is a version decoration — on its own (`claude-3-5-sonnet` + `-20241022`),
 * or completing the pattern's last segment (`claude-sonnet-4-2025` + `0514`, `claude-sonnet-4@` +
 * `20250514`).
 */
function isVersionSuffix(head: string, rest: string): boolean {
  if (VERSION_SUFFIX.test(rest)) return true;
  const lastSeparator = Math.max(head.lastIndexOf('-'), head.lastIndexOf('@'));
  return lastSeparator >= 0 && VERSION_SUFFIX.test(head.slice(lastSeparator) + rest);
}

/** Compiled once per pattern; a prices file's patterns were checked for backtracking at load. */
function safeTest(pattern: string, id: string): boolean {
  return compiledRegex(pattern)?.test(id) ?? false;
}

function hasOnlyRealDates(id: string): boolean {
  for (const [, y, m, d] of id.matchAll(DASHED_DATE)) if (!isDate(y!, m!, d!)) return false;
  for (const [, y, m, d] of id.matchAll(COMPACT_DATE)) if (!isDate(y!, m!, d!)) return false;
  return true;
}

function isDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}
