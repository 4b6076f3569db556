// A generated section of a docs page, between its own start and end markers: a rerun of the script
// that wrote it replaces it and leaves the rest of the page alone.
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

export interface SectionMarkers {
  readonly start: string;
  readonly end: string;
}

/** Replaces the marked section of `page`, or appends `section` when the page has none. */
export function withSection(page: string, section: string, markers: SectionMarkers): string {
  const from = page.indexOf(markers.start);
  const to = page.indexOf(markers.end);
  if (from >= 0 && to > from) return page.slice(0, from) + section + page.slice(to + markers.end.length);
  return `${page.trimEnd()}\n\n${section}\n`;
}

/**
 * Writes `section` into the page at `path` (started with `fallback` when the page does not exist),
 * formatted like the rest of the repository so `prettier --check` stays green after a run.
 */
export async function writeSection(
  path: string,
  section: string,
  markers: SectionMarkers,
  fallback = '',
): Promise<void> {
  const page = await readFile(path, 'utf8').catch(() => fallback);
  const next = withSection(page, section, markers);
  await writeFile(path, await format(next, { ...(await resolveConfig(path)), filepath: path }));
}
