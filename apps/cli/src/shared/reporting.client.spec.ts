import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli.error.js';
import { writeProfile } from './cli.profile.js';
import { queryString, reportingToken, reportingUrl } from './reporting.client.js';

describe('reportingUrl and reportingToken', () => {
  it.each([
    [
      'the flag over the environment',
      'http://flag:1/',
      { KT_REPORTING_URL: 'http://env:2' },
      'http://flag:1',
    ],
    ['the environment over the default', undefined, { KT_REPORTING_URL: 'http://env:2//' }, 'http://env:2'],
    ['the default last', undefined, { KT_CONFIG_DIR: '/nonexistent' }, 'http://127.0.0.1:41003'],
  ])('takes %s', (_name, flag, env, expected) => {
    expect(reportingUrl(flag, env)).toBe(expected);
  });

  it('refuses to run without a token, naming --token and KT_TOKEN (exit 2)', () => {
    expect(() => reportingToken(undefined, { KT_CONFIG_DIR: '/nonexistent' })).toThrow(
      new CliError('this command needs a reporting token: pass --token or set KT_TOKEN', 2),
    );
    expect(reportingToken(undefined, { KT_TOKEN: 'env' })).toBe('env');
    expect(reportingToken('flag', { KT_TOKEN: 'env' })).toBe('flag');
  });
});

describe('the CLI profile kt up writes', () => {
  const profiled = (): NodeJS.ProcessEnv => {
    const env = { KT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'kt-profile-')) };
    writeProfile({ reporting_url: 'http://127.0.0.1:31003/', reporting_token: 'from-profile' }, env);
    return env;
  };

  it('supplies URL and token after the flag and the environment', () => {
    const env = profiled();
    expect(reportingUrl(undefined, env)).toBe('http://127.0.0.1:31003');
    expect(reportingToken(undefined, env)).toBe('from-profile');
    expect(reportingToken(undefined, { ...env, KT_TOKEN: 'env' })).toBe('env');
    expect(reportingUrl('http://flag:1', env)).toBe('http://flag:1');
  });
});

describe('queryString', () => {
  it('leaves out absent values and encodes the rest', () => {
    expect(queryString({ since: '2026-11-01T00:00:00.000Z', provider: undefined, team: 'a b' })).toBe(
      '?since=2026-11-01T00%3A00%3A00.000Z&team=a+b',
    );
    expect(queryString({})).toBe('');
  });
});
