import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

/** Runs `script` in a fresh Node after the entry points' warning filter, as every kt process does. */
function stderrOf(script: string): string {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `await import('./bin/node-warnings.js');\n${script}`],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(0);
  return run.stderr;
}

describe('the entry points’ Node warning filter', () => {
  it('drops the TimeoutNegativeWarning kafkajs causes on Node 24', () => {
    expect(stderrOf('setTimeout(() => {}, -1_796_675_278_046);')).not.toContain('TimeoutNegativeWarning');
  });

  it('lets every other warning through', () => {
    expect(stderrOf("process.emitWarning('still here', 'OtherWarning');")).toContain(
      'OtherWarning: still here',
    );
  });

  it('is loaded first by both entry points', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const bin of ['bin/kt.js', 'bin/kt-service.js']) {
      const text = await readFile(new URL(bin, ROOT), 'utf8');
      expect(text.split('\n').find((line) => line.startsWith('import '))).toBe(
        "import './node-warnings.js';",
      );
    }
  });
});
