import { isStorableText } from '@kt/contracts';
import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** A positive USD amount with at most six decimals, written as text ("5000", "0.25"). */
export const POSITIVE_USD = /^(?=[\d.]*[1-9])\d{1,13}(?:\.\d{1,6})?$/;

@ValidatorConstraint({ name: 'ascendingThresholds' })
export class AscendingThresholds implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!Array.isArray(value) || value.length === 0) return false;
    return value.every(
      (pct, i) => Number.isInteger(pct) && pct >= 1 && pct <= 100 && (i === 0 || pct > value[i - 1]),
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be integers between 1 and 100, strictly ascending`;
  }
}

/** Text the budget events carry and PostgreSQL stores: no U+0000, no unpaired surrogate. */
@ValidatorConstraint({ name: 'storableText' })
export class StorableText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || isStorableText(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not contain U+0000 or unpaired surrogates`;
  }
}

/** JSON clients may send the limit as a number; it is validated as text like the CLI sends it. */
export function usdText({ value }: { value: unknown }): unknown {
  return typeof value === 'number' ? String(value) : value;
}
