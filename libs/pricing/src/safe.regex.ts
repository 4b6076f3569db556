// A prices file's `regex` match rules run against model ids on the request path, and JavaScript
// regexes backtrack: `^(a+)+$` held one lookup for 106 s. Node has no regex timeout, so a pattern is
// admitted only when its shape bounds the work: no backreferences, no quantified group that holds a
// quantifier or (repeated) alternatives, and few ways to split an id overall. That refuses some
// harmless patterns; none in the genai-prices dataset.

export const MAX_REGEX_LENGTH = 512;
/** Ways a `*`, `+` or `{n,}` can split an id: ids longer than this are never looked up. */
export const MAX_LOOKUP_ID_LENGTH = 256;
/** Product of the choices at every quantifier and alternation; the dataset's largest is 514. */
const MAX_CHOICES = 1_000;
const MAX_REPEAT = 1_000;
const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;

interface Group {
  /** It holds a quantifier, or is itself quantified: repeating it again would nest. */
  quantified: boolean;
  alternatives: number;
  /** It holds alternatives in an inner group: `(?:(?:a|a))+` repeats them as much as `(?:a|a)+`. */
  branches: boolean;
  /** Product of the ways its quantifiers and inner groups can split an id. */
  choices: number;
  /** A lookaround is tried on its own, so its choices add to the work rather than multiply it. */
  lookaround: boolean;
}

const group = (lookaround: boolean): Group => ({
  quantified: false,
  alternatives: 1,
  branches: false,
  choices: 1,
  lookaround,
});

/** Why `pattern` is refused as a match rule, or undefined when it is safe to run. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `a regex longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch {
    return 'not a valid regular expression';
  }
  const stack: Group[] = [group(false)];
  const top = (): Group => stack[stack.length - 1]!;
  const tooMany = 'too many ways to match (e.g. more than one unbounded quantifier)';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    let atom: Group | undefined;
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'a backreference';
      i += 2;
    } else if (char === '[') {
      i = classEnd(pattern, i + 1);
    } else if (char === '(') {
      const lookaround = /^\((?:\?[=!]|\?<[=!])/.test(pattern.slice(i, i + 4));
      stack.push(group(lookaround));
      i += lookaround ? (pattern[i + 2] === '<' ? 4 : 3) : pattern[i + 1] === '?' ? 2 : 1;
      continue;
    } else if (char === ')') {
      atom = stack.pop()!;
      const ways = atom.choices * atom.alternatives;
      if (ways > MAX_CHOICES) return tooMany;
      if (!atom.lookaround) top().choices *= ways;
      if (atom.quantified) top().quantified = true;
      if (!atom.lookaround && (atom.alternatives > 1 || atom.branches)) top().branches = true;
      i += 1;
    } else if (char === '|') {
      top().alternatives += 1;
      i += 1;
      continue;
    } else {
      i += 1;
    }
    const quantifier = QUANTIFIER.exec(pattern.slice(i, i + 24));
    if (quantifier === null) continue;
    i += quantifier[0].length;
    const ways = waysOf(quantifier);
    if (ways === undefined) return `a repeat count above ${MAX_REPEAT}`;
    const branching = atom !== undefined && (atom.alternatives > 1 || atom.branches);
    if (atom !== undefined && (atom.quantified || (branching && ways > 2)))
      return 'a nested quantifier (a repeated group holding a quantifier or alternatives)';
    top().quantified = true;
    top().choices *= ways;
    if (top().choices * top().alternatives > MAX_CHOICES) return tooMany;
  }
  if (top().choices * top().alternatives > MAX_CHOICES) return tooMany;
  return undefined;
}

/** Index just after the character class that starts at `from` (after its `[`). */
function classEnd(pattern: string, from: number): number {
  let i = from;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** How many lengths a quantifier lets its atom take, or undefined for an excessive repeat count. */
function waysOf(quantifier: RegExpExecArray): number | undefined {
  const [text, min, comma, max] = quantifier;
  if (text.startsWith('?')) return 2;
  if (min === undefined) return MAX_LOOKUP_ID_LENGTH + 1;
  if (Number(min) > MAX_REPEAT || (max !== undefined && max !== '' && Number(max) > MAX_REPEAT))
    return undefined;
  if (comma === undefined) return 1;
  if (max === undefined || max === '') return MAX_LOOKUP_ID_LENGTH + 1;
  return Math.max(1, Number(max) - Number(min) + 1);
}

const compiled = new Map<string, RegExp | null>();

/**
 * The compiled regex of a match rule, once per pattern; null for one that does not compile. Prices
 * files are checked with regexProblem at load, so only the bundled dataset's reach here unchecked.
 */
export function compiledRegex(pattern: string): RegExp | null {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = null;
    }
    if (compiled.size < 10_000) compiled.set(pattern, regex);
  }
  return regex;
}
