import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProfile } from '../shared/cli.profile.js';
import { ledgerTarget } from './spend.client.js';

const dir = mkdtempSync(join(tmpdir(), 'kt-spend-profile-'));
const withProfile = { KT_CONFIG_DIR: dir };
writeProfile({ ledger_url: 'http://profile:1/', ledger_token: 'from-profile' }, withProfile);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ledgerTarget', () => {
  it.each([
    [
      'flags first',
      { url: 'http://flag:1', token: 'from-flag' },
      { KT_LEDGER_URL: 'http://env:1', KT_LEDGER_TOKEN: 'from-env' },
      { base: 'http://flag:1', token: 'from-flag' },
    ],
    [
      'then the environment',
      {},
      { KT_LEDGER_URL: 'http://env:1', KT_LEDGER_TOKEN: 'from-env' },
      { base: 'http://env:1', token: 'from-env' },
    ],
    ['then the profile', {}, {}, { base: 'http://profile:1', token: 'from-profile' }],
    [
      'an empty variable counts as unset',
      {},
      { KT_LEDGER_TOKEN: '' },
      { base: 'http://profile:1', token: 'from-profile' },
    ],
  ])('%s', (_name, flags, env, expected) => {
    expect(ledgerTarget(flags, { ...withProfile, ...env })).toEqual(expected);
  });

  it('falls back to the default URL and no token without a profile', () => {
    expect(ledgerTarget({}, { KT_CONFIG_DIR: join(dir, 'none') })).toEqual({
      base: 'http://127.0.0.1:41004',
    });
  });
});
