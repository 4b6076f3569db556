import { describe, expect, it } from 'vitest';
import { embeddingBase64, embeddingVector } from './embedding.vector.js';

describe('embeddingVector', () => {
  it('gives the same vector for the same text', () => {
    expect(Array.from(embeddingVector('hello', 64))).toEqual(Array.from(embeddingVector('hello', 64)));
  });

  it('gives different vectors for different texts', () => {
    expect(Array.from(embeddingVector('hello', 64))).not.toEqual(Array.from(embeddingVector('hello!', 64)));
  });

  it.each([1, 3, 64, 1536])('has the asked dimension %i and unit length', (dimensions) => {
    const vector = embeddingVector('kt', dimensions);
    expect(vector).toHaveLength(dimensions);
    const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
  });
});

describe('embeddingBase64', () => {
  it('encodes the little-endian float32 bytes', () => {
    const vector = embeddingVector('kt', 8);
    const bytes = Buffer.from(embeddingBase64(vector), 'base64');
    expect(bytes).toHaveLength(32);
    const decoded = Array.from({ length: 8 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(Array.from(vector));
  });
});
