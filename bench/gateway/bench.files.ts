import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { BenchRun } from './bench.model.js';
import { renderGatewaySection, replaceGatewaySection } from './benchmarks.markdown.js';
import { summarize } from './bench.summary.js';
import { comparePhases, checkTargets } from './run.comparison.js';

export interface WrittenFiles {
  readonly raw: string;
  readonly latest?: string;
  readonly doc?: string;
}

/** Raw results always; the summary and the doc section when asked (full runs). */
export async function writeResults(root: string, run: BenchRun, updateDocs: boolean): Promise<WrittenFiles> {
  const resultsDir = join(root, 'bench', 'results');
  const stamp = run.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const raw = join(resultsDir, `gateway-${stamp}.raw.json`);
  const comparisons = comparePhases(run.runs);
  await writePretty(raw, JSON.stringify({ ...run, comparisons, targets: checkTargets(run, comparisons) }));
  if (!updateDocs) return { raw };

  const latest = join(resultsDir, 'gateway-latest.json');
  await writePretty(latest, JSON.stringify(summarize(run)));
  const doc = join(root, 'docs', 'benchmarks.md');
  const page = await readFile(doc, 'utf8').catch(() => '');
  await writePretty(doc, replaceGatewaySection(page, renderGatewaySection(run)));
  return { raw, latest, doc };
}

/** Written the way `npm run lint` (prettier --check) expects it. */
async function writePretty(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const config = (await resolveConfig(file)) ?? {};
  await writeFile(file, await format(text, { ...config, filepath: file }));
}
