import { regexProblem } from './safe.regex.js';

// The matcher (catalog.match.ts) walks a model's rule on every lookup of an id it has not seen, so
// a prices file's rules are checked to the leaf at load: a wrong type would be a TypeError, a deep
// nesting a stack overflow, a hostile regex a blocked event loop — each at the first request.

export const MAX_MATCH_DEPTH = 16;
export const MAX_MATCH_NODES = 256;
export const MAX_MATCH_STRING = 200;
const LEAVES = ['equals', 'starts_with', 'ends_with', 'contains', 'regex'] as const;
const KINDS = `one of or, and, ${LEAVES.join(', ')}`;

export type Fail = (path: string, problem: string) => never;

/**
 * Checks one model's `match` rule: an object with exactly one known key; `or`/`and` a non-empty array
 * of rules, at most MAX_MATCH_DEPTH deep and MAX_MATCH_NODES in all; every leaf a bounded string; a
 * `regex` one regexProblem admits. Returns the nodes seen, for the file's own total.
 */
export function checkMatchRule(rule: unknown, at: string, fail: Fail): number {
  let nodes = 0;
  // Depth-first with an explicit stack, so a hostile nesting cannot overflow ours either.
  const pending: { rule: unknown; at: string; depth: number }[] = [{ rule, at, depth: 1 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    nodes += 1;
    if (nodes > MAX_MATCH_NODES) fail(at, `more than ${MAX_MATCH_NODES} match rules`);
    if (next.depth > MAX_MATCH_DEPTH) fail(next.at, `match rules nested deeper than ${MAX_MATCH_DEPTH}`);
    const node = next.rule;
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      fail(next.at, 'expected a match rule object');
    const keys = Object.keys(node as object);
    if (keys.length !== 1) fail(next.at, `expected exactly one key, ${KINDS}`);
    const key = keys[0]!;
    const value = (node as Record<string, unknown>)[key];
    const path = `${next.at}.${key}`;
    if (key === 'or' || key === 'and') {
      if (!Array.isArray(value) || value.length === 0)
        fail(path, 'expected a non-empty array of match rules');
      const children = value as unknown[];
      if (nodes + pending.length + children.length > MAX_MATCH_NODES)
        fail(at, `more than ${MAX_MATCH_NODES} match rules`);
      for (let i = children.length - 1; i >= 0; i--)
        pending.push({ rule: children[i], at: `${path}[${i}]`, depth: next.depth + 1 });
    } else if ((LEAVES as readonly string[]).includes(key)) {
      checkLeaf(key, value, path, fail);
    } else {
      fail(`${next.at}`, `unknown match rule: expected ${KINDS}`);
    }
  }
  return nodes;
}

function checkLeaf(key: string, value: unknown, path: string, fail: Fail): void {
  if (typeof value !== 'string' || value === '') fail(path, 'expected a non-empty string');
  const text = value as string;
  if (key === 'regex') {
    const problem = regexProblem(text);
    if (problem !== undefined) fail(path, `refused: ${problem}`);
  } else if (text.length > MAX_MATCH_STRING) {
    fail(path, `expected at most ${MAX_MATCH_STRING} characters`);
  }
}
