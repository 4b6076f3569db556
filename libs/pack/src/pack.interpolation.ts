// `${VAR}` in string values, read from the environment; `$${` writes a literal `${`.
import { childPath, type PackIssue } from './pack.issue.js';
import { isReservedEnvName, reservedEnvMessage } from './pack.reserved-env.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's value, or `undefined` when it is not set. */
export type Resolve = (name: string) => string | undefined;

/** One string that held a reference: as written (safe to show) and as substituted (never shown). */
export interface Substitution {
  readonly raw: string;
  readonly text: string;
}

export interface InterpolationResult {
  readonly value: unknown;
  readonly errors: readonly PackIssue[];
  /** Paths whose value came (partly) from the environment: their values are never echoed in messages. */
  readonly interpolatedPaths: ReadonlySet<string>;
  /** Per interpolated path, the text as written and as substituted. */
  readonly substitutions: ReadonlyMap<string, Substitution>;
  /** Each variable read, with its value: what `concealSubstitutions` takes out of messages. */
  readonly resolved: ReadonlyMap<string, string>;
  /**
   * References to kt's own variables (also in `errors`): never read, and an error wherever the pack
   * is validated, even where other reference errors wait for the gateways' environment.
   */
  readonly refused: readonly PackIssue[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads variables from `env` (own keys only: `${constructor}` is not a variable). */
export function envResolver(env: Env): Resolve {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

/**
 * Leaves every reference as written: for a validator whose environment is not the one the pack
 * runs in (reporting validates for the gateways, which substitute their own environment).
 */
export const keepReferences: Resolve = (name) => `\${${name}}`;

export function interpolateEnv(value: unknown, env: Env | Resolve, path = ''): InterpolationResult {
  const resolve = typeof env === 'function' ? env : envResolver(env);
  const errors: PackIssue[] = [];
  const refused: PackIssue[] = [];
  const interpolatedPaths = new Set<string>();
  const substitutions = new Map<string, Substitution>();
  const resolved = new Map<string, string>();
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, resolve);
      if (result.errors.length > 0) errors.push(...result.errors.map((message) => ({ path: at, message })));
      refused.push(...result.refused.map((message) => ({ path: at, message })));
      if (result.substituted) {
        interpolatedPaths.add(at);
        substitutions.set(at, { raw: node, text: result.text });
        for (const [name, text] of result.resolved) resolved.set(name, text);
      }
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
  const walked = walk(value, path);
  return { value: walked, errors, interpolatedPaths, substitutions, resolved, refused };
}

interface StringResult {
  readonly text: string;
  readonly substituted: boolean;
  readonly errors: readonly string[];
  readonly resolved: ReadonlyMap<string, string>;
  /** The messages of `errors` that refuse a reserved variable. */
  readonly refused: readonly string[];
}

export function interpolateString(text: string, env: Env | Resolve): StringResult {
  if (!text.includes('${')) return { text, substituted: false, errors: [], resolved: new Map(), refused: [] };
  const resolve = typeof env === 'function' ? env : envResolver(env);
  const errors: string[] = [];
  const refused: string[] = [];
  const resolved = new Map<string, string>();
  let out = '';
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
      // A reserved name is never resolved: its value must not enter the pack even for a moment.
      const reserved = NAME.test(name) && isReservedEnvName(name);
      const value = NAME.test(name) && !reserved ? resolve(name) : undefined;
      if (reserved) {
        refused.push(reservedEnvMessage(name));
        errors.push(reservedEnvMessage(name));
      } else if (!NAME.test(name))
        errors.push(`invalid variable reference \${${name}}; expected \${NAME} with letters, digits and _`);
      else if (value === undefined) errors.push(`environment variable ${name} is not set`);
      else {
        out += value;
        resolved.set(name, value);
      }
      i = end + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return { text: out, substituted: resolved.size > 0, errors, resolved, refused };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
