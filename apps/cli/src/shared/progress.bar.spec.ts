import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressWanted, startProgress } from './progress.bar.js';

const stream = (isTTY: boolean): NodeJS.WriteStream => ({ isTTY }) as NodeJS.WriteStream;

describe('progressWanted', () => {
  it.each([
    [undefined, false, false],
    [undefined, true, true],
    [true, false, true],
    [false, true, false],
  ])('with --progress %s and a terminal %s shows a bar: %s', (flag, tty, expected) => {
    expect(progressWanted(flag, stream(tty))).toBe(expected);
  });
});

describe('startProgress', () => {
  it('writes nothing when disabled', () => {
    const out = new PassThrough();
    const bar = startProgress('export', 10, false, 'rows', out);
    bar.update(5);
    bar.stop();
    expect(out.read()).toBeNull();
  });

  it('shows done/total and raises the total when the estimate was low', () => {
    const out = new PassThrough();
    const bar = startProgress('export', 2, true, 'rows', out);
    bar.update(3);
    bar.stop();
    const text = String(out.read());
    expect(text).toMatch(/export \[.*\] 0% \| 0\/2 rows/);
    expect(text).toMatch(/export \[.*\] 100% \| 3\/3 rows/);
  });
});
