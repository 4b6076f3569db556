import type { EmbeddingsRequest } from '@kt/providers';
import {
  invalid,
  optionalInteger,
  optionalString,
  requireBody,
  requireModel,
} from '../http/request.fields.js';

const ENCODINGS: ReadonlySet<unknown> = new Set(['float', 'base64']);
const INPUT = 'a string, or a non-empty array of strings, of token ids, or of token-id arrays';

/** Checks an embeddings request; a client mistake is a 400 naming the field. */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const object = requireBody(body);
  requireModel(object);
  checkInput(object.input);
  if (object.encoding_format !== undefined && !ENCODINGS.has(object.encoding_format))
    throw invalid('encoding_format', '"float" or "base64"');
  optionalInteger(object, 'dimensions', 1, 1_000_000);
  optionalString(object, 'user');
  return object as unknown as EmbeddingsRequest;
}

/** OpenAI's four input shapes; mixing them in one array is refused at the first odd item. */
function checkInput(input: unknown): void {
  if (typeof input === 'string') return;
  if (!Array.isArray(input) || input.length === 0) throw invalid('input', INPUT);
  const first: unknown = input[0];
  for (let i = 0; i < input.length; i++) {
    const item: unknown = input[i];
    const fits =
      typeof first === 'string'
        ? typeof item === 'string'
        : Array.isArray(first)
          ? isTokenArray(item)
          : isToken(item);
    if (!fits) throw invalid(`input[${i}]`, INPUT);
  }
}

function isToken(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isTokenArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isToken);
}
