import { isRecord } from '../http/request.json.js';
import { countTokens } from '../reply/token.count.js';
import type { OpenAiProblem } from './openai.errors.js';

/** One input of an embeddings request: the text the vector derives from and its token count. */
export interface EmbeddingInput {
  readonly text: string;
  readonly tokens: number;
}

export interface EmbeddingsRequest {
  readonly model: string | null;
  readonly inputs: readonly EmbeddingInput[];
  readonly encoding: 'float' | 'base64';
  readonly dimensions: number | null;
}

export type EmbeddingsParse =
  | { readonly ok: true; readonly value: EmbeddingsRequest }
  | { readonly ok: false; readonly problem: OpenAiProblem };

const INVALID_INPUT =
  "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/**
 * Accepts what the real endpoint accepts: a string, an array of strings, an array of token ids or
 * an array of such arrays. Token ids count one token each; strings use `countTokens`.
 */
export function parseEmbeddingsRequest(body: unknown, requireModel: boolean): EmbeddingsParse {
  const fail = (message: string, param: string | null): EmbeddingsParse => ({
    ok: false,
    problem: { message, param, code: null },
  });
  if (!isRecord(body))
    return fail('We could not parse the JSON body of your request. The API expects a JSON object.', null);
  const model = body['model'];
  if (model === undefined && requireModel) return fail('you must provide a model parameter', null);
  if (model !== undefined && typeof model !== 'string')
    return fail("Invalid type for 'model': expected a string.", 'model');

  const inputs = parseInputs(body['input']);
  if (inputs === null) return fail(INVALID_INPUT, 'input');

  const format = body['encoding_format'] ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return fail(
      `Invalid value for 'encoding_format': expected 'float' or 'base64', but got ${JSON.stringify(format)} instead.`,
      'encoding_format',
    );
  }
  const dimensions = body['dimensions'];
  if (
    dimensions !== undefined &&
    (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096)
  ) {
    return fail("Invalid value for 'dimensions': expected an integer from 1 to 4096.", 'dimensions');
  }
  return {
    ok: true,
    value: {
      model: typeof model === 'string' ? model : null,
      inputs,
      encoding: format,
      dimensions: dimensions ?? null,
    },
  };
}

function parseInputs(input: unknown): EmbeddingInput[] | null {
  if (typeof input === 'string') return input === '' ? null : [{ text: input, tokens: countTokens(input) }];
  if (!Array.isArray(input) || input.length === 0) return null;
  if (input.every(isTokenId)) return [tokenInput(input)];
  const inputs: EmbeddingInput[] = [];
  for (const item of input) {
    if (typeof item === 'string' && item !== '') inputs.push({ text: item, tokens: countTokens(item) });
    else if (Array.isArray(item) && item.length > 0 && item.every(isTokenId)) inputs.push(tokenInput(item));
    else return null;
  }
  return inputs;
}

function tokenInput(ids: readonly number[]): EmbeddingInput {
  return { text: ids.join(','), tokens: ids.length };
}

function isTokenId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
