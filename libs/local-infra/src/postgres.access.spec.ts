import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canTraverse, ensurePostgresCanReach, postgresUserIds } from './postgres.access.js';

describe('who may enter a folder', () => {
  const root = { uid: 0, gid: 0 };
  const pg = { uid: 105, gid: 109 };

  it('applies the owner, group or others bits as the kernel does', () => {
    expect(canTraverse(0o700, root, pg)).toBe(false);
    expect(canTraverse(0o701, root, pg)).toBe(true);
    expect(canTraverse(0o700, pg, pg)).toBe(true);
    expect(canTraverse(0o750, { uid: 0, gid: 109 }, pg)).toBe(true);
    // A user that does not exist yet only gets what everyone gets.
    expect(canTraverse(0o750, { uid: 0, gid: 109 }, undefined)).toBe(false);
  });

  it('reads the postgres user from a passwd file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kt-passwd-')), 'passwd');
    writeFileSync(file, 'root:x:0:0:root:/root:/bin/bash\npostgres:x:105:109::/var/lib/postgresql:/bin/sh\n');
    expect(postgresUserIds(file)).toEqual({ uid: 105, gid: 109 });
    expect(postgresUserIds(join(file, 'missing'))).toBeUndefined();
  });
});

describe.skipIf(process.getuid?.() !== 0)('reaching the data dir as root', () => {
  it('opens the folders kt owns and names a foreign one that blocks the way', () => {
    const base = mkdtempSync(join(tmpdir(), 'kt-data-access-'));
    const owned = join(base, 'state');
    mkdirSync(join(owned, 'inner'), { recursive: true, mode: 0o700 });
    chmodSync(owned, 0o700);
    chmodSync(join(owned, 'inner'), 0o700);
    chmodSync(base, 0o755);
    ensurePostgresCanReach(join(owned, 'inner', 'postgres'), owned);
    expect(statSync(owned).mode & 0o001).toBe(0o001);
    expect(statSync(join(owned, 'inner')).mode & 0o001).toBe(0o001);

    chmodSync(base, 0o700);
    expect(() => ensurePostgresCanReach(join(owned, 'inner', 'postgres'), owned)).toThrow(
      `cannot enter ${base}; allow it (chmod o+x ${base})`,
    );
    chmodSync(base, 0o755);
  });
});
