// PostgreSQL refuses U+0000 in text and in json read with `->>`, and unpaired UTF-16 surrogates
// escaped in json: an event carrying one could be decoded but never projected or reported.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Client-chosen text made storable: each U+0000 and unpaired surrogate becomes U+FFFD. */
export function toStorableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/**
 * The path of the first string (value or key) in a parsed JSON value that is not storable, or
 * undefined when every string is.
 */
export function unstorablePath(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : at || '(record)';
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = unstorablePath(value[i], `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = at === '' ? key : `${at}.${key}`;
    if (!isStorableText(key)) return at === '' ? '(a key)' : `${at} (a key)`;
    const found = unstorablePath(child, path);
    if (found !== undefined) return found;
  }
  return undefined;
}
