#!/usr/bin/env node
// The production build: compiles apps/*/src and libs/*/src to plain ESM JavaScript with the options
// bin/register.js gives SWC in development, so services start without a TypeScript loader.
//
//   node scripts/build.mjs [--out dist] [--source-maps]
//
// Output: <out>/apps/**, <out>/libs/** (`@kt/<lib>` rewritten to relative paths), the non-TypeScript
// files of those folders (dashboard page, styles …), <out>/bin/kt-service.js and <out>/bin/kt.js, and a
// <out>/package.json marking the tree as ESM. Bare imports resolve from a node_modules above <out>.
import { transformFile } from '@swc/core';
import { chmod, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE_ROOTS = ['apps', 'libs'];
/** How many files SWC compiles at once: its thread pool does the work, this only bounds memory. */
const CONCURRENCY = 32;

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'dist' }, 'source-maps': { type: 'boolean', default: false } },
});
const out = resolve(ROOT, values.out);
const sourceMaps = values['source-maps'];
if (ROOT.startsWith(out + sep) || `${out}${sep}` === ROOT) {
  throw new Error(
    `--out ${values.out} would overwrite the sources: choose a folder inside or beside the repo`,
  );
}

const began = Date.now();
const swcOptions = await loaderOptions();
const { scripts, assets } = await sourceFiles();
// Only the folders this build writes are cleared, so a mistaken --out never empties anything else.
await Promise.all(['apps', 'libs', 'bin'].map((dir) => rm(join(out, dir), { recursive: true, force: true })));
for (let i = 0; i < scripts.length; i += CONCURRENCY) {
  await Promise.all(scripts.slice(i, i + CONCURRENCY).map(compile));
}
await Promise.all(assets.map(copyAsset));
await writeEntryPoints();
await writeFile(join(out, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
const shown = relative(process.cwd(), out);
console.log(
  `built ${scripts.length} modules and ${assets.length} assets into ${shown.startsWith('..') ? out : shown || '.'} in ${Date.now() - began} ms`,
);

/**
 * What @swc-node/register derives from tsconfig.json (read-default-tsconfig.js + @swc-node/core), plus
 * `resolveFully` so the `@kt/*` paths SWC rewrites end in `/index.js` as Node's ESM resolver needs.
 */
async function loaderOptions() {
  const { compilerOptions: ts } = JSON.parse(await readFile(join(ROOT, 'tsconfig.json'), 'utf8'));
  const target = String(ts.target ?? 'ES2018').toLowerCase();
  return {
    swcrc: false,
    isModule: true,
    module: { type: 'es6', resolveFully: true },
    sourceMaps,
    inlineSourcesContent: true,
    jsc: {
      target: target === 'esnext' ? 'es2024' : target,
      parser: { syntax: 'typescript', decorators: Boolean(ts.experimentalDecorators), dynamicImport: true },
      transform: {
        legacyDecorator: Boolean(ts.experimentalDecorators),
        decoratorMetadata: Boolean(ts.emitDecoratorMetadata),
        useDefineForClassFields:
          ts.useDefineForClassFields ?? ['es2022', 'es2023', 'es2024', 'esnext'].includes(target),
      },
      keepClassNames: true,
      baseUrl: ROOT,
      paths: ts.paths ?? {},
      experimental: { keepImportAttributes: true },
    },
  };
}

/** Every TypeScript module under apps/*\/src and libs/*\/src except specs, and every other file there. */
async function sourceFiles() {
  const scripts = [];
  const assets = [];
  for (const top of SOURCE_ROOTS) {
    for (const pkg of await readdir(join(ROOT, top), { withFileTypes: true })) {
      if (!pkg.isDirectory()) continue;
      const src = join(top, pkg.name, 'src');
      const entries = await readdir(join(ROOT, src), { recursive: true, withFileTypes: true }).catch(
        () => [],
      );
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = relative(ROOT, join(entry.parentPath ?? entry.path, entry.name));
        if (!path.endsWith('.ts')) assets.push(path);
        else if (!path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) scripts.push(path);
      }
    }
  }
  return { scripts: scripts.sort(), assets: assets.sort() };
}

async function compile(path) {
  const target = join(out, path.replace(/\.ts$/, '.js'));
  const { code, map } = await transformFile(join(ROOT, path), {
    ...swcOptions,
    filename: join(ROOT, path),
    outputPath: target,
  });
  await mkdir(dirname(target), { recursive: true });
  if (map === undefined) {
    await writeFile(target, code);
    return;
  }
  const mapName = `${target.split(sep).pop()}.map`;
  await writeFile(target, `${code}\n//# sourceMappingURL=${mapName}\n`);
  await writeFile(`${target}.map`, map);
}

async function copyAsset(path) {
  await mkdir(dirname(join(out, path)), { recursive: true });
  await copyFile(join(ROOT, path), join(out, path));
}

/** bin/kt-service.js and bin/kt.js without the loader, pointing at the compiled mains. */
async function writeEntryPoints() {
  await mkdir(join(out, 'bin'), { recursive: true });
  // Plain JavaScript both entry points import first (the Node warning filter).
  await copyFile(join(ROOT, 'bin', 'node-warnings.js'), join(out, 'bin', 'node-warnings.js'));
  for (const name of ['kt-service.js', 'kt.js']) {
    const source = await readFile(join(ROOT, 'bin', name), 'utf8');
    const compiled = source
      .replace(/^import '\.\/register\.js';\n/m, '')
      .replaceAll('/src/main.ts', '/src/main.js');
    if (compiled.includes('register.js') || compiled.includes('main.ts') || !compiled.includes('main.js')) {
      throw new Error(`bin/${name} no longer has the shape the build rewrites (loader import, main.ts)`);
    }
    await writeFile(join(out, 'bin', name), compiled);
    await chmod(join(out, 'bin', name), 0o755);
  }
}
