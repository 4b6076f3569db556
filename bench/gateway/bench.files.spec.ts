import { mkdtemp, readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeResults } from './bench.files.js';
import { SECTION_START } from './benchmarks.markdown.js';
import { benchRun, measurement } from './measurement.fixture.js';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kt-bench-files-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const run = benchRun([
  measurement('direct', 'rate-500', { p50: 0.05, p99: 0.9, max: 4 }),
  measurement('portkey', 'rate-500', { p50: 1.1, p99: 8, max: 30 }),
]);

describe('writeResults', () => {
  it('writes only the git-ignored raw file on a quick run', async () => {
    const files = await writeResults(root, run, false);
    expect(files).toEqual({ raw: join(root, 'bench', 'results', 'gateway-20261124T070000Z.raw.json') });
    expect(await readdir(join(root, 'bench', 'results'))).toEqual(['gateway-20261124T070000Z.raw.json']);
    const raw = JSON.parse(await readFile(files.raw, 'utf8')) as Record<string, unknown>;
    expect(raw['runs']).toHaveLength(2);
    expect(raw['comparisons']).toHaveLength(1);
  });

  it('also writes the summary and rewrites the doc section on a full run, keeping the rest of the page', async () => {
    await mkdir(join(root, 'docs'));
    await writeFile(join(root, 'docs', 'benchmarks.md'), '# Benchmarks\n\nKept intro.\n');
    const files = await writeResults(root, run, true);
    const latest = JSON.parse(await readFile(files.latest!, 'utf8')) as Record<string, unknown>;
    expect(latest['command']).toBe('npm run bench:gateway');
    const page = await readFile(files.doc!, 'utf8');
    expect(page.startsWith('# Benchmarks\n\nKept intro.\n')).toBe(true);
    expect(page).toContain(SECTION_START);
    expect(page).toContain('### 500 RPS');

    await writeResults(root, run, true);
    const again = await readFile(files.doc!, 'utf8');
    expect(again.split(SECTION_START)).toHaveLength(2);
  });
});
