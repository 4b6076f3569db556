// Field-level validation: class-transformer builds the DTO tree, class-validator checks it, and its
// nested errors become `path: message` issues.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { PackDocumentDto } from './dto/pack-document.dto.js';
import { TOP_LEVEL_ALIASES } from './pack.aliases.js';
import { isPlainObject, type Substitution } from './pack.interpolation.js';
import { childPath, type PackIssue } from './pack.issue.js';

export type SchemaResult =
  | { readonly ok: true; readonly document: PackDocumentDto }
  | { readonly ok: false; readonly errors: readonly PackIssue[] };

const TYPE_CONSTRAINTS = new Set(['isArray', 'isObject']);

export function validatePackSchema(
  plain: unknown,
  source: string,
  substitutions: ReadonlyMap<string, Substitution>,
): SchemaResult {
  if (!isPlainObject(plain)) {
    const got = plain === null || plain === undefined ? 'an empty document' : describeValue(plain);
    return {
      ok: false,
      errors: [{ path: source, message: `expected a mapping with the keys pack and providers; got ${got}` }],
    };
  }
  const reserved = reservedKeyIssues(plain, '');
  const document = plainToInstance(PackDocumentDto, plain);
  const validationErrors = validateSync(document, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: true, value: true },
  });
  if (validationErrors.length === 0 && reserved.length === 0) return { ok: true, document };
  const errors: PackIssue[] = [...reserved];
  collectIssues(validationErrors, '', document, substitutions, errors);
  return { ok: false, errors };
}

/**
 * class-transformer silently drops keys that name Object.prototype members (`__proto__`,
 * `constructor`, `toString`…), so they would escape the unknown-key check: catch them here.
 */
function reservedKeyIssues(value: unknown, path: string): PackIssue[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => reservedKeyIssues(item, childPath(path, index)));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key in Object.prototype
      ? [{ path: childPath(path, key), message: 'unknown key' }]
      : reservedKeyIssues(child, childPath(path, key)),
  );
}

function collectIssues(
  validationErrors: readonly ValidationError[],
  parentPath: string,
  parentValue: unknown,
  substitutions: ReadonlyMap<string, Substitution>,
  out: PackIssue[],
): void {
  for (const error of validationErrors) {
    const path = Array.isArray(parentValue)
      ? childPath(parentPath, Number(error.property))
      : childPath(parentPath, error.property);
    if (error.constraints !== undefined && Object.keys(error.constraints).length > 0) {
      out.push({
        path,
        message: describeError(error, parentPath, concealment(path, substitutions)),
      });
    } else if (error.children !== undefined) {
      collectIssues(error.children, path, error.value, substitutions, out);
    }
  }
}

/** Where a rejected value may hold a secret (a key pasted instead of its name or digest). */
const SECRET_PATH = /(^|\.)secret_key_ref(\.|$)|\.sha256$/;

/**
 * How to refer to a value that must not be echoed, or `undefined` when it may be shown. A value
 * from the environment is named by its reference as written (`"${LLAMA_URL}/v1"`), never shown.
 */
function concealment(path: string, substitutions: ReadonlyMap<string, Substitution>): string | undefined {
  if (SECRET_PATH.test(path)) return 'a value not shown here, as it may be a secret';
  const own = substitutions.get(path);
  if (own !== undefined) return short(JSON.stringify(own.raw), 'a value from the environment');
  for (const interpolated of substitutions.keys()) {
    if (interpolated.startsWith(`${path}[`) || interpolated.startsWith(`${path}.`)) {
      return 'a value from the environment';
    }
  }
  return undefined;
}

function describeError(error: ValidationError, parentPath: string, concealed: string | undefined): string {
  const constraints = error.constraints ?? {};
  if (constraints['whitelistValidation'] !== undefined) {
    return `unknown key; expected one of: ${knownKeys(error.target, parentPath).join(', ')}`;
  }
  const failed = Object.keys(constraints);
  // "not a list" says it all; the nested check failing on the same value adds nothing.
  const relevant = failed.some((name) => TYPE_CONSTRAINTS.has(name))
    ? failed.filter((name) => name !== 'nestedValidation')
    : failed;
  const messages = [
    ...new Set(relevant.filter((name) => name !== 'isDefined').map((name) => constraints[name] ?? '')),
  ];
  // An explicit null is a wrong value, not a missing key.
  if (constraints['isDefined'] !== undefined && error.value === undefined)
    return ['required', ...messages].join('; ');
  return `${messages.join('; ')}; got ${describeValue(error.value, concealed)}`;
}

const knownKeysCache = new Map<object, readonly string[]>();

/** The keys a DTO declares, in declaration order (the order of its decorators' registration). */
function knownKeys(target: object | undefined, parentPath: string): readonly string[] {
  if (target === undefined) return [];
  const ctor = target.constructor;
  let keys = knownKeysCache.get(ctor);
  if (keys === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
    keys = [...new Set(metadata.map((m) => m.propertyName))];
    knownKeysCache.set(ctor, keys);
  }
  return parentPath === '' ? [...keys, ...TOP_LEVEL_ALIASES.map((a) => a.written)] : keys;
}

/** A short description of a rejected value; a concealed string is named, never echoed. */
function describeValue(value: unknown, concealed?: string): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return concealed !== undefined ? 'a list' : short(JSON.stringify(value), 'a list');
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return concealed ?? short(JSON.stringify(value), `a string of ${value.length} characters`);
  }
  return String(value);
}

function short(text: string | undefined, fallback: string): string {
  return text !== undefined && text.length <= 60 ? text : fallback;
}
