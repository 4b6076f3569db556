import type { EmbeddingsResponse } from '@kt/providers';

/** The vectors of an embeddings answer in input order (float arrays, or OpenAI's base64 float32). */
export function embeddingVectors(body: EmbeddingsResponse, expected: number): number[][] {
  const data = [...body.data].sort((a, b) => a.index - b.index);
  if (data.length !== expected) throw new Error(`expected ${expected} embeddings, got ${data.length}`);
  return data.map((item) =>
    typeof item.embedding === 'string' ? fromBase64(item.embedding) : [...item.embedding],
  );
}

function fromBase64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const vector: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) vector.push(bytes.readFloatLE(offset));
  return vector;
}
