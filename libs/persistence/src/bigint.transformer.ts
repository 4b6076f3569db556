import type { ValueTransformer } from 'typeorm';

/**
 * Maps a `bigint` property to a Postgres `BIGINT` column. node-postgres returns int8 as a decimal
 * string (a JS number would lose precision beyond 2^53), so money stays exact both ways.
 */
export const bigintTransformer = {
  to(value: bigint | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'bigint') {
      throw new TypeError(`bigint column: expected a bigint, got ${typeof value}`);
    }
    return value.toString();
  },
  from(value: string | number | bigint | null): bigint | null {
    if (value === null) return null;
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new TypeError(`bigint column: ${value} is not an exact integer (is parseInt8 on?)`);
    }
    if (typeof value === 'string' && !/^-?\d+$/.test(value)) {
      throw new TypeError(`bigint column: ${JSON.stringify(value)} is not an integer`);
    }
    return BigInt(value);
  },
} as const satisfies ValueTransformer;
