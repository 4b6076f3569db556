import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

/** One file the dashboard serves, loaded once at startup (the whole set is ~250 kB). */
export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const PUBLIC = join(HERE, 'public');

const JS = 'text/javascript; charset=utf-8';

/**
 * The page, its script and styles, the view model (TypeScript, transpiled here once so the browser
 * gets plain JS without a build step) and Chart.js' self-contained UMD file from node_modules.
 */
export async function loadDashboardAssets(): Promise<ReadonlyMap<string, DashboardAsset>> {
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  const [html, css, page, viewModel, chart] = await Promise.all([
    readFile(join(PUBLIC, 'dashboard.html')),
    readFile(join(PUBLIC, 'dashboard.css')),
    readFile(join(PUBLIC, 'dashboard.page.js')),
    transpile(join(HERE, 'dashboard.view-model.ts')),
    readFile(join(chartDir, 'chart.umd.min.js')),
  ]);
  return new Map([
    ['dashboard.html', asset(html, 'text/html; charset=utf-8')],
    ['dashboard.css', asset(css, 'text/css; charset=utf-8')],
    ['dashboard.page.js', asset(page, JS)],
    ['dashboard.view-model.js', asset(viewModel, JS)],
    ['chart.umd.min.js', asset(chart, JS)],
  ]);
}

async function transpile(path: string): Promise<Buffer> {
  const source = await readFile(path, 'utf8');
  const { code } = await transform(source, {
    filename: path,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: false,
    isModule: true,
  });
  return Buffer.from(code);
}

function asset(body: Buffer, contentType: string): DashboardAsset {
  return {
    body,
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}
