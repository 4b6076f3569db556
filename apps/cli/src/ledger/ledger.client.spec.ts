import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerToken, ledgerUrl } from './ledger.client.js';

function profileDir(profile: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kt-cli-ledger-'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
  return dir;
}

describe('ledgerUrl', () => {
  const withProfile = profileDir({ ledger_url: 'http://profile:3/', ledger_token: 'from-profile' });
  const empty = mkdtempSync(join(tmpdir(), 'kt-cli-ledger-'));

  it.each([
    ['the flag over the environment', 'http://flag:1/', { KT_LEDGER_URL: 'http://env:2' }, 'http://flag:1'],
    ['the environment over the profile', undefined, { KT_LEDGER_URL: 'http://env:2' }, 'http://env:2'],
    ['the profile over the default', undefined, {}, 'http://profile:3'],
  ])('prefers %s', (_name, flag, env, want) => {
    expect(ledgerUrl(flag, { ...env, KT_CONFIG_DIR: withProfile })).toBe(want);
  });

  it('falls back to the local default', () => {
    expect(ledgerUrl(undefined, { KT_CONFIG_DIR: empty })).toBe('http://127.0.0.1:41004');
  });

  it('takes the token from --token, then KT_LEDGER_TOKEN, then the profile', () => {
    expect(ledgerToken('flag', { KT_LEDGER_TOKEN: 'env', KT_CONFIG_DIR: withProfile })).toBe('flag');
    expect(ledgerToken(undefined, { KT_LEDGER_TOKEN: 'env', KT_CONFIG_DIR: withProfile })).toBe('env');
    expect(ledgerToken(undefined, { KT_CONFIG_DIR: withProfile })).toBe('from-profile');
    expect(ledgerToken(undefined, { KT_CONFIG_DIR: empty })).toBeUndefined();
  });
});
