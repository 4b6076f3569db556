import { embeddingBase64, embeddingVector } from '../embeddings/embedding.vector.js';
import type { EmbeddingsRequest } from './embeddings.request.js';

/** The `list` document of an embeddings reply; the vector dimension is the request's or the default. */
export function embeddingsBody(request: EmbeddingsRequest, model: string, defaultDimensions: number): string {
  const dimensions = request.dimensions ?? defaultDimensions;
  let tokens = 0;
  const data = request.inputs.map((input, index) => {
    tokens += input.tokens;
    const vector = embeddingVector(input.text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: request.encoding === 'base64' ? embeddingBase64(vector) : Array.from(vector),
    };
  });
  return JSON.stringify({
    object: 'list',
    data,
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
