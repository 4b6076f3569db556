/** True when `value` is one of `words`: the guard every closed word list of kt shares. */
export function isOneOf<T extends string>(words: readonly T[], value: string): value is T {
  return (words as readonly string[]).includes(value);
}
