// Field rules for the pack DTOs, each phrased as what was expected. Every class-validator
// decorator of a field carries the same message, so a field fails with one clear sentence.
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsPositive,
  IsSemVer,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isReservedEnvName, reservedEnvMessage } from './pack.reserved-env.js';
import { MAX_IDENTIFIER_CHARS, usdToMicroUsd } from '@kt/contracts';
import { MODEL_KINDS, parseProviderRef, VENDORS, VENDOR_ALIASES } from './pack.vocabulary.js';

type FieldDecorator = PropertyDecorator;

const all =
  (...decorators: FieldDecorator[]): FieldDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

const expect = (what: string): ValidationOptions => ({ message: `expected ${what}` });
const finite = { allowNaN: false, allowInfinity: false } as const;

/** Only a missing key is "not given": an explicit YAML null (`weight:`) is reported, not defaulted. */
export const Optional = (): FieldDecorator => ValidateIf((_object, value) => value !== undefined);
export const Required = (): FieldDecorator => IsDefined({ message: 'required' });

/**
 * Ids, names, aliases and teams reach route events, whose decoder caps them at MAX_IDENTIFIER_CHARS;
 * the default stays under that cap so no valid pack can write an event the ledger dead-letters.
 */
const NAME_CHARS = Math.min(200, MAX_IDENTIFIER_CHARS);

export function Text(maxLength = NAME_CHARS): FieldDecorator {
  const m = expect(`a non-empty string of at most ${maxLength} characters`);
  return all(IsString(m), Length(1, maxLength, m));
}

export const Flag = (): FieldDecorator => IsBoolean(expect('true or false'));

export function IntAtLeast(min: number): FieldDecorator {
  const m = expect(`an integer >= ${min}`);
  return all(IsInt(m), Min(min, m));
}

export function NumberAtLeast(min: number): FieldDecorator {
  const m = expect(`a number >= ${min}`);
  return all(IsNumber(finite, m), Min(min, m));
}

export function NumberBetween(min: number, max: number): FieldDecorator {
  const m = expect(`a number from ${min} to ${max}`);
  return all(IsNumber(finite, m), Min(min, m), Max(max, m));
}

export function PositiveNumber(): FieldDecorator {
  const m = expect('a number > 0');
  return all(IsNumber(finite, m), IsPositive(m));
}

export const OneOf = (values: readonly string[]): FieldDecorator =>
  all(IsString(expect(`one of: ${values.join(', ')}`)), IsIn(values, expect(`one of: ${values.join(', ')}`)));

export function ListOf(values: readonly string[]): FieldDecorator {
  const m = expect(`a list of: ${values.join(', ')}`);
  return all(IsArray(m), IsIn(values, { ...m, each: true }));
}

export function TextList(what: string, minSize = 0): FieldDecorator {
  const m = expect(minSize > 0 ? `a non-empty list of ${what}` : `a list of ${what}`);
  return all(
    IsArray(m),
    ArrayMinSize(minSize, m),
    IsString({ ...m, each: true }),
    Length(1, NAME_CHARS, { ...m, each: true }),
  );
}

export const Version = (): FieldDecorator => {
  const m = expect('a semantic version string such as "1.0.0" (quote it in YAML)');
  return all(IsString(m), IsSemVer(m));
};

export function Pattern(pattern: RegExp, what: string): FieldDecorator {
  const m = expect(what);
  return all(IsString(m), Matches(pattern, m));
}

export const Sha256 = (): FieldDecorator =>
  Pattern(/^[0-9a-f]{64}$/, 'a SHA-256 digest of 64 lowercase hex characters');
/** A variable the gateway reads a secret from; never one of kt's own (see pack.reserved-env.ts). */
export const EnvName = (): FieldDecorator =>
  all(
    Pattern(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name (letters, digits and _)'),
    ValidateBy(
      { name: 'isUnreservedEnvName', validator: { validate: (value) => !isReserved(value) } },
      { message: ({ value }) => reservedEnvMessage(String(value)) },
    ),
  );

const isReserved = (value: unknown): boolean => typeof value === 'string' && isReservedEnvName(value);

export const HttpUrl = (): FieldDecorator =>
  ValidateBy(
    { name: 'isHttpUrl', validator: { validate: isHttpUrl } },
    expect('an http(s) URL such as "https://api.example.com/v1"'),
  );

export const ProviderString = (): FieldDecorator => {
  const vendors = [...VENDORS, ...VENDOR_ALIASES.keys()].join(', ');
  const what = `"vendor:kind:model" with vendor one of: ${vendors} and kind one of: ${MODEL_KINDS.join(', ')}`;
  const valid = (value: unknown): boolean =>
    typeof value === 'string' && parseProviderRef(value) !== undefined;
  // The model is `upstream_model` in every route event, which the decoder caps: a longer one would
  // dead-letter every event of the target, and its spend would never be booked.
  const bounded = (value: unknown): boolean =>
    (typeof value === 'string' ? (parseProviderRef(value)?.model.length ?? 0) : 0) <= MAX_IDENTIFIER_CHARS;
  return all(
    ValidateBy({ name: 'isProviderRef', validator: { validate: valid } }, expect(what)),
    ValidateBy(
      { name: 'isBoundedProviderModel', validator: { validate: bounded } },
      expect(`a model (after vendor:kind:) of at most ${MAX_IDENTIFIER_CHARS} characters`),
    ),
  );
};

/** USD prices become integer micro-USD, so more than six decimals cannot be represented exactly. */
export const UsdAmount = (): FieldDecorator => {
  const valid = (value: unknown): boolean => typeof value === 'number' && usdToMicroUsd(value) !== undefined;
  return ValidateBy(
    { name: 'isUsdAmount', validator: { validate: valid } },
    expect('a USD amount >= 0 with at most 6 decimals'),
  );
};

/** A nested mapping validated as `cls`. */
export function Nested(cls: () => new () => object): FieldDecorator {
  const m = expect('a mapping');
  return all(IsObject(m), ValidateNested(m), Type(cls));
}

/** A list of nested mappings validated as `cls`, each reported at its index. */
export function NestedList(cls: () => new () => object, what: string, minSize = 0): FieldDecorator {
  const m = expect(minSize > 0 ? `a non-empty list of ${what}` : `a list of ${what}`);
  return all(
    IsArray(m),
    ArrayMinSize(minSize, m),
    ValidateNested({ each: true, message: 'expected a mapping' }),
    Type(cls),
  );
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
