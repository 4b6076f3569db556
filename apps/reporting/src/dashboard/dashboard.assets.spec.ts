import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDashboardAssets } from './dashboard.assets.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const made: string[] = [];

/** A folder shaped like the build's output: `public/` plus an already compiled view model. */
function builtDashboard(viewModelJs: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-dashboard-assets-'));
  made.push(dir);
  cpSync(join(HERE, 'public'), join(dir, 'public'), { recursive: true });
  writeFileSync(join(dir, 'dashboard.view-model.js'), viewModelJs);
  return dir;
}

/** A transpiler that records its calls, for checking when (and whether) the view model is compiled. */
function countingTranspiler(): { readonly calls: string[]; transpile(path: string): Buffer } {
  const calls: string[] = [];
  return { calls, transpile: (path) => (calls.push(path), Buffer.from('export const compiled = true;\n')) };
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard assets', () => {
  it('serves the page, its script and styles, the view model and Chart.js with their content types', async () => {
    const assets = await loadDashboardAssets();
    expect(Object.fromEntries([...assets].map(([name, a]) => [name, a.contentType.split(';')[0]]))).toEqual({
      'dashboard.html': 'text/html',
      'dashboard.css': 'text/css',
      'dashboard.page.js': 'text/javascript',
      'dashboard.view-model.js': 'text/javascript',
      'chart.umd.min.js': 'text/javascript',
    });
    expect(assets.get('chart.umd.min.js')?.body.toString()).toContain('Chart.js v4');
  });

  it('ships the view model as plain JavaScript a browser can import as a module', async () => {
    const js = (await loadDashboardAssets()).get('dashboard.view-model.js')?.body.toString() ?? '';
    expect(js).not.toMatch(/\binterface\b|: bigint/);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      microUsdToUsd(micro: string): string;
    };
    expect(module.microUsdToUsd('1234567')).toBe('1.234567');
  });

  it('names every file by a strong ETag of its content', async () => {
    const assets = await loadDashboardAssets();
    const etags = [...assets.values()].map((a) => a.etag);
    expect(new Set(etags).size).toBe(assets.size);
    for (const etag of etags) expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });

  it('from the sources, transpiles the view model on its first request only, then keeps it', async () => {
    const compiler = countingTranspiler();
    const assets = await loadDashboardAssets({ transpile: compiler.transpile });
    expect(assets.get('dashboard.html')?.body.length).toBeGreaterThan(0);
    expect(assets.has('dashboard.view-model.js')).toBe(true);
    expect(compiler.calls).toEqual([]);
    const first = assets.get('dashboard.view-model.js');
    expect(assets.get('dashboard.view-model.js')).toBe(first);
    expect(first?.body.toString()).toBe('export const compiled = true;\n');
    expect(compiler.calls).toEqual([join(HERE, 'dashboard.view-model.ts')]);
  });

  it('from a build, serves the compiled view model as is, without its source map link, and never transpiles', async () => {
    const compiler = countingTranspiler();
    const dir = builtDashboard('export const built = 1;\n//# sourceMappingURL=dashboard.view-model.js.map\n');
    const assets = await loadDashboardAssets({ dir, transpile: compiler.transpile });
    expect([...assets.keys()]).toContain('dashboard.view-model.js');
    expect([...assets.values()]).toHaveLength(5);
    expect(assets.get('dashboard.view-model.js')?.body.toString()).toBe('export const built = 1;\n');
    expect(compiler.calls).toEqual([]);
  });
});
