/** What every decoder returns: the typed value, or one reason naming the field path. */
export type DecodeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const decoded = <T>(value: T): DecodeResult<T> => ({ ok: true, value });

export const rejected = <T = never>(reason: string): DecodeResult<T> => ({ ok: false, reason });
