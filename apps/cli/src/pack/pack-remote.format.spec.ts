import { describe, expect, it } from 'vitest';
import { diffPacks } from './pack-diff.format.js';
import { formatApplied, formatPackHistory } from './pack-history.format.js';

const applied = 'pack: { name: core, version: "1.0.0" }\ngroups: [a]\nend: true\n';
const changed = 'pack: { name: core, version: "1.1.0" }\ngroups: [a, b]\nend: true\n';

describe('diffPacks', () => {
  it('says equal, with no output, when the file is the applied text', () => {
    expect(
      diffPacks({ label: 'applied', content: applied }, { label: 'pack.yaml', content: applied }),
    ).toEqual({
      equal: true,
      patch: '',
    });
  });

  it('prints a unified diff from the applied pack to the file', () => {
    expect(
      diffPacks({ label: 'applied core@1.0.0', content: applied }, { label: 'pack.yaml', content: changed }),
    ).toEqual({
      equal: false,
      patch: [
        '--- applied core@1.0.0',
        '+++ pack.yaml',
        '@@ -1,3 +1,3 @@',
        '-pack: { name: core, version: "1.0.0" }',
        '-groups: [a]',
        '+pack: { name: core, version: "1.1.0" }',
        '+groups: [a, b]',
        ' end: true',
        '',
      ].join('\n'),
    });
  });

  it('shows the whole file as new when no pack of that name was applied', () => {
    const result = diffPacks(null, { label: 'pack.yaml', content: 'a: 1\n' });
    expect(result.equal).toBe(false);
    expect(result.patch).toBe('--- /dev/null\n+++ pack.yaml\n@@ -0,0 +1,1 @@\n+a: 1\n');
  });
});

describe('formatPackHistory', () => {
  it('prints who applied which pack when, newest first as given, with a short digest', () => {
    expect(
      formatPackHistory([
        {
          name: 'core',
          version: '1.1.0',
          sha256: 'ab'.repeat(32),
          applied_at: '2026-11-24T10:05:00.000Z',
          applied_by: 'ops',
          source: 'cli',
          event_id: 'e2',
        },
        {
          name: 'core',
          version: '1.0.0',
          sha256: 'cd'.repeat(32),
          applied_at: '2026-11-24T10:00:00.000Z',
          applied_by: 'alice',
          source: 'api',
          event_id: 'e1',
        },
      ]),
    ).toBe(
      [
        'APPLIED_AT                NAME  VERSION  SHA256        APPLIED_BY  SOURCE',
        '2026-11-24T10:05:00.000Z  core  1.1.0    abababababab  ops         cli',
        '2026-11-24T10:00:00.000Z  core  1.0.0    cdcdcdcdcdcd  alice       api',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing was applied', () => {
    expect(formatPackHistory([])).toBe('no pack has been applied\n');
  });
});

describe('formatApplied', () => {
  it('names the pack, its full digest and who applied it', () => {
    expect(
      formatApplied({
        name: 'core',
        version: '1.1.0',
        sha256: 'ab'.repeat(32),
        applied_at: '2026-11-24T10:05:00.000Z',
        applied_by: 'ops',
      }),
    ).toBe(`applied core@1.1.0\nsha256 ${'ab'.repeat(32)}\napplied_by ops at 2026-11-24T10:05:00.000Z\n`);
  });
});
