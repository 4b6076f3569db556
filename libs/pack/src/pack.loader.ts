// Reads a pack file from disk; an unreadable file is an ordinary invalid result, not a throw.
import { readFile } from 'node:fs/promises';
import type { PackResult } from './pack.issue.js';
import { parsePack, type ParsePackOptions } from './pack.parser.js';

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, expected a YAML file',
};

export async function loadPackFile(
  path: string,
  options: Omit<ParsePackOptions, 'source'> = {},
): Promise<PackResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = Object.hasOwn(READ_FAILURES, code)
      ? READ_FAILURES[code]
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, errors: [{ path, message: `cannot read the pack file: ${reason}` }], warnings: [] };
  }
  return parsePack(text, { ...options, source: path });
}
