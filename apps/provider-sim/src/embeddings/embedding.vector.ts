export const DEFAULT_EMBEDDING_DIMENSIONS = 64;

/**
 * A unit-length vector that depends only on the text and the dimension: the text's FNV-1a hash
 * seeds a mulberry32 generator. Stored as float32, the precision OpenAI's base64 form carries.
 */
export function embeddingVector(text: string, dimensions: number): Float32Array {
  const next = mulberry32(fnv1a(text));
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = next() * 2 - 1;
    vector[i] = value;
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) vector[i] = vector[i]! * scale;
  return vector;
}

/** `encoding_format: "base64"`: the little-endian float32 bytes, base64-encoded. */
export function embeddingBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString('base64');
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
