/** Small readers for untyped request JSON, shared by every vendor's parsers. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message content: a string, or the `text` of each text part of an array. */
export function textPieces(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const pieces: string[] = [];
  for (const part of content)
    if (isRecord(part) && typeof part['text'] === 'string') pieces.push(part['text']);
  return pieces;
}

/** How OpenAI names a JSON value's type in its validation messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}
