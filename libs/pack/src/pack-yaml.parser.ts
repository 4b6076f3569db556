// YAML text → plain data, with syntax errors located by line and column.
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { PackIssue } from './pack.issue.js';
import { MAX_YAML_DEPTH, nestsDeeperThan } from './pack-yaml.depth.js';

export type YamlParseResult =
  | { readonly ok: true; readonly value: unknown; readonly warnings: readonly PackIssue[] }
  | { readonly ok: false; readonly errors: readonly PackIssue[]; readonly warnings: readonly PackIssue[] };

/** Anchors may be reused, but not enough to blow up memory (the "billion laughs" document). */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, source = 'pack'): YamlParseResult {
  // Checked before the parser runs: it spends seconds, or all memory, on a deep enough text.
  if (nestsDeeperThan(text))
    return {
      ok: false,
      errors: [{ path: source, message: `nested deeper than ${MAX_YAML_DEPTH} levels` }],
      warnings: [],
    };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (error: YAMLError): PackIssue => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    // With prettyErrors off the message carries no position; we add it in the path.
    return { path: `${source}:${line}:${col}`, message: firstLine(error.message) };
  };
  const warnings = doc.warnings.map(locate);
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map(locate), warnings };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), warnings };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: source, message }], warnings };
  }
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end < 0 ? message : message.slice(0, end)).replace(/ at line \d+, column \d+:?$/, '');
}
