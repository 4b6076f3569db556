// How deep a YAML text nests, found by one pass over its characters before any parser sees it:
// the `yaml` package takes seconds on a 100,000-deep flow list (`[[[…]]]`) and runs out of memory
// on a deep compact block list (`- - - …`), both far smaller than any body limit.

/** A pack nests about six levels; ten times that is still no pack anyone writes by hand. */
export const MAX_YAML_DEPTH = 64;

/**
 * Whether the text may nest deeper than `limit`. It over-counts rather than under-counts for what
 * is cheap to see (flow brackets, compact `- ` and `? ` entries, indentation steps) and skips quoted
 * text, comments and block scalars, so a pack within the limit is never refused.
 */
export function nestsDeeperThan(text: string, limit = MAX_YAML_DEPTH): boolean {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let scalarIndent = -1;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let i = start;
    let compact = 0;
    if (quote === '' && flow === 0) {
      while (i < end && text[i] === ' ') i += 1;
      const indent = i - start;
      const blank = i === end || text[i] === '#' || text[i] === '\r';
      if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
        start = end + 1;
        continue;
      }
      scalarIndent = -1;
      if (blank) {
        start = end + 1;
        continue;
      }
      while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop();
      indents.push(indent);
      while (i < end && (text[i] === '-' || text[i] === '?') && isSpace(text[i + 1] ?? '\n')) {
        compact += 1;
        i += 1;
        while (i < end && isSpace(text[i] ?? '')) i += 1;
      }
      if (indents.length + compact > limit) return true;
    }
    const lineIndent = indents.at(-1) ?? 0;
    for (; i < end; i += 1) {
      const ch = text[i];
      if (quote === '"') {
        if (ch === '\\') i += 1;
        else if (ch === '"') quote = '';
      } else if (quote === "'") {
        if (ch === "'" && text[i + 1] === "'") i += 1;
        else if (ch === "'") quote = '';
      } else if (ch === '#' && (i === start || isSpace(text[i - 1] ?? ''))) {
        break;
      } else if ((ch === '"' || ch === "'") && startsToken(text[i - 1], i === start)) {
        quote = ch;
      } else if (ch === '[' || ch === '{') {
        flow += 1;
        if (indents.length + compact + flow > limit) return true;
      } else if (ch === ']' || ch === '}') {
        flow = Math.max(0, flow - 1);
      } else if ((ch === '|' || ch === '>') && flow === 0 && blockScalarFollows(text, i, end)) {
        scalarIndent = lineIndent;
        break;
      }
    }
    start = end + 1;
  }
  return false;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function startsToken(previous: string | undefined, lineStart: boolean): boolean {
  return lineStart || previous === undefined || isSpace(previous) || '[{,:-?'.includes(previous);
}

/** `key: |`, `- >-`, `key: |2+ # note`: an indicator after a space, then only its modifiers. */
function blockScalarFollows(text: string, at: number, end: number): boolean {
  if (at > 0 && !isSpace(text[at - 1] ?? '')) return false;
  const rest = text
    .slice(at + 1, end)
    .replace(/\s+#.*$/, '')
    .trim();
  return /^[-+0-9]*$/.test(rest);
}
