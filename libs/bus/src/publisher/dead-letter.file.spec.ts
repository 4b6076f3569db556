import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterFile } from './dead-letter.file.js';

describe('DeadLetterFile', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('appends JSON lines and keeps at most two files of its cap, counting what it drops', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-dlq-'));
    dirs.push(dir);
    const file = new DeadLetterFile(dir, 4096);
    const entry = (n: number) => ({ n, pad: 'x'.repeat(1000) });
    for (let n = 0; n < 12; n += 1) file.append(entry(n));
    const lines = (path: string) =>
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { n: number }).n);
    // 4 lines of ~1 KB per 4 KiB file: 0-3 rotated away (dropped), 4-7 in .1, 8-11 current.
    expect(lines(file.path)).toEqual([8, 9, 10, 11]);
    expect(lines(`${file.path}.1`)).toEqual([4, 5, 6, 7]);
    expect(file.written).toBe(12);
    expect(file.dropped).toBe(4);
  });

  it('continues a file a previous process left, within the same cap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-dlq-'));
    dirs.push(dir);
    new DeadLetterFile(dir, 4096).append({ pad: 'y'.repeat(3000) });
    const again = new DeadLetterFile(dir, 4096);
    again.append({ pad: 'z'.repeat(2000) });
    expect(readFileSync(`${again.path}.1`, 'utf8')).toContain('yyy');
    expect(readFileSync(again.path, 'utf8')).not.toContain('yyy');
  });
});
