import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
// One getrandom() call per 4 KiB of ids instead of one per id: ids are minted on every request.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function take(length: number): Buffer {
  if (offset + length > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + length);
  offset += length;
  return bytes;
}

/** `prefix` + `length` random base62 characters, e.g. `randomId('chatcmpl-', 29)`. */
export function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (const byte of take(length)) id += ALPHABET[byte % 62];
  return id;
}

/** `prefix` + `length` random lowercase hex digits, e.g. `randomHex('req_', 32)`. */
export function randomHex(prefix: string, length: number): string {
  let id = prefix;
  for (const byte of take(length)) id += HEX[byte & 15];
  return id;
}
