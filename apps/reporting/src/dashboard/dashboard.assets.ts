import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file the dashboard serves (the whole set is ~250 kB). */
export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

export interface DashboardAssetOptions {
  /** The folder holding `public/` and the view model; defaults to this module's own folder. */
  readonly dir?: string;
  /** Turns the TypeScript view model into browser JS; defaults to SWC, loaded on first use. */
  readonly transpile?: (path: string) => Buffer;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const VIEW_MODEL = 'dashboard.view-model';

/**
 * The page, its script and styles, the view model and Chart.js' self-contained UMD file from
 * node_modules. Run from the build (`npm run build`), the view model is already JavaScript beside this
 * module and is served as is; run from the sources, it is transpiled on its first request only, so a
 * process that never serves the dashboard never loads the compiler (~44 MB RSS).
 */
export async function loadDashboardAssets(
  options: DashboardAssetOptions = {},
): Promise<ReadonlyMap<string, DashboardAsset>> {
  const dir = options.dir ?? HERE;
  const transpile = options.transpile ?? transpileWithSwc;
  const publicDir = join(dir, 'public');
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  const compiled = join(dir, `${VIEW_MODEL}.js`);
  const [html, css, page, chart, viewModel] = await Promise.all([
    readFile(join(publicDir, 'dashboard.html')),
    readFile(join(publicDir, 'dashboard.css')),
    readFile(join(publicDir, 'dashboard.page.js')),
    readFile(join(chartDir, 'chart.umd.min.js')),
    existsSync(compiled) ? readFile(compiled).then(withoutSourceMapLink) : undefined,
  ]);
  return new DashboardAssets([
    ['dashboard.html', asset(html, 'text/html; charset=utf-8')],
    ['dashboard.css', asset(css, 'text/css; charset=utf-8')],
    ['dashboard.page.js', asset(page, JS)],
    [
      'dashboard.view-model.js',
      viewModel !== undefined
        ? asset(viewModel, JS)
        : () => asset(transpile(join(dir, `${VIEW_MODEL}.ts`)), JS),
    ],
    ['chart.umd.min.js', asset(chart, JS)],
  ]);
}

type Entry = DashboardAsset | (() => DashboardAsset);

/** A read-only map whose entries may be made on first read, then kept. */
class DashboardAssets implements ReadonlyMap<string, DashboardAsset> {
  private readonly entries_: Map<string, Entry>;

  constructor(entries: readonly (readonly [string, Entry])[]) {
    this.entries_ = new Map(entries);
  }

  get size(): number {
    return this.entries_.size;
  }

  has(name: string): boolean {
    return this.entries_.has(name);
  }

  get(name: string): DashboardAsset | undefined {
    const entry = this.entries_.get(name);
    if (typeof entry !== 'function') return entry;
    const made = entry();
    this.entries_.set(name, made);
    return made;
  }

  *entries(): MapIterator<[string, DashboardAsset]> {
    for (const name of this.entries_.keys()) yield [name, this.get(name) as DashboardAsset];
  }

  keys(): MapIterator<string> {
    return this.entries_.keys();
  }

  *values(): MapIterator<DashboardAsset> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(
    callback: (value: DashboardAsset, key: string, map: ReadonlyMap<string, DashboardAsset>) => void,
  ): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, DashboardAsset]> {
    return this.entries();
  }
}

/** SWC through `require`, so it is loaded synchronously the first time a request needs it. */
function transpileWithSwc(path: string): Buffer {
  const swc = createRequire(import.meta.url)('@swc/core') as typeof import('@swc/core');
  const { code } = swc.transformSync(readFileSync(path, 'utf8'), {
    filename: path,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: false,
    isModule: true,
    swcrc: false,
  });
  return Buffer.from(code);
}

/** The build may link a source map the dashboard does not serve: drop the link, not the code. */
function withoutSourceMapLink(body: Buffer): Buffer {
  return Buffer.from(body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
}

function asset(body: Buffer, contentType: string): DashboardAsset {
  return {
    body,
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}
