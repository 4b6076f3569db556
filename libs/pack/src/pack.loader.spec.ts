import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPackFile } from './pack.loader.js';

const seedPath = fileURLToPath(new URL('../../../packs/multi-provider-core.yaml', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

describe('loadPackFile', () => {
  it('loads the seed file and remembers where it came from', async () => {
    const result = await loadPackFile(seedPath, { env: {} });
    expect(result.ok).toBe(true);
    expect(result.ok && result.pack.source).toBe(seedPath);
  });

  it.each([
    ['a missing file', `${fixtures}does-not-exist.yaml`, 'cannot read the pack file: no such file'],
    ['a directory', fixtures, 'cannot read the pack file: is a directory, expected a YAML file'],
  ])('reports %s as an invalid result naming the path', async (_case, path, message) => {
    expect(await loadPackFile(path)).toEqual({ ok: false, errors: [{ path, message }], warnings: [] });
  });

  it('locates YAML syntax errors in the file by line and column', async () => {
    // Written at run time: a broken YAML file in the repo would break `prettier --write .`.
    const dir = await mkdtemp(join(tmpdir(), 'kt-pack-'));
    const path = join(dir, 'unparsable.yaml');
    try {
      await writeFile(path, 'pack:\n  name: [unclosed\n  version: "1.0.0"\n');
      const result = await loadPackFile(path);
      expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([`${path}:3:3`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
