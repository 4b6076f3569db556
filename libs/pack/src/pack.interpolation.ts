// `${VAR}` in string values, read from the environment; `$${` writes a literal `${`.
import { childPath, type PackIssue } from './pack.issue.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface InterpolationResult {
  readonly value: unknown;
  readonly errors: readonly PackIssue[];
  /** Paths whose value came (partly) from the environment: their values are never echoed in messages. */
  readonly interpolatedPaths: ReadonlySet<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function interpolateEnv(value: unknown, env: Env, path = ''): InterpolationResult {
  const errors: PackIssue[] = [];
  const interpolatedPaths = new Set<string>();
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, env);
      if (result.errors.length > 0) errors.push(...result.errors.map((message) => ({ path: at, message })));
      if (result.substituted) interpolatedPaths.add(at);
      return result.text;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, childPath(at, index)));
    if (isPlainObject(node)) {
      // fromEntries keeps a `__proto__` key as plain data instead of setting the prototype.
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, walk(child, childPath(at, key))]),
      );
    }
    return node;
  };
  return { value: walk(value, path), errors, interpolatedPaths };
}

interface StringResult {
  readonly text: string;
  readonly substituted: boolean;
  readonly errors: readonly string[];
}

export function interpolateString(text: string, env: Env): StringResult {
  if (!text.includes('${')) return { text, substituted: false, errors: [] };
  const errors: string[] = [];
  let out = '';
  let substituted = false;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) {
        errors.push('unterminated ${ (write $${ for a literal ${)');
        break;
      }
      const name = text.slice(i + 2, end);
      const resolved = NAME.test(name) && Object.hasOwn(env, name) ? env[name] : undefined;
      if (!NAME.test(name))
        errors.push(`invalid variable reference \${${name}}; expected \${NAME} with letters, digits and _`);
      else if (resolved === undefined) errors.push(`environment variable ${name} is not set`);
      else {
        out += resolved;
        substituted = true;
      }
      i = end + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return { text: out, substituted, errors };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
