import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profilePath, readProfile, writeProfile } from './cli.profile.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'kt-profile-'));

describe('cli profile', () => {
  it('prefers KT_CONFIG_DIR, then XDG_CONFIG_HOME', () => {
    expect(profilePath({ KT_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/b' })).toBe('/a/profile.json');
    expect(profilePath({ XDG_CONFIG_HOME: '/b' })).toBe('/b/kt/profile.json');
  });

  it('round-trips with mode 0600 and keeps only known string fields', () => {
    const env = { KT_CONFIG_DIR: dir() };
    const path = writeProfile({ ledger_url: 'http://l', ledger_token: 't' }, env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readProfile(env)).toEqual({ ledger_url: 'http://l', ledger_token: 't' });
    writeFileSync(path, JSON.stringify({ ledger_token: 5, reporting_url: 'http://r', other: 'x' }));
    expect(readProfile(env)).toEqual({ reporting_url: 'http://r' });
  });

  it('is empty when missing or not a JSON object', () => {
    const env = { KT_CONFIG_DIR: dir() };
    expect(readProfile(env)).toEqual({});
    writeFileSync(profilePath(env), '[1,2]');
    expect(readProfile(env)).toEqual({});
    writeFileSync(profilePath(env), '{not json');
    expect(readProfile(env)).toEqual({});
  });
});
