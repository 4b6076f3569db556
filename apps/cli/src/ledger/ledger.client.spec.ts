import { afterEach, describe, expect, it } from 'vitest';
import { ledgerUrl } from './ledger.client.js';

describe('ledgerUrl', () => {
  const before = process.env.KT_LEDGER_URL;
  afterEach(() => {
    if (before === undefined) delete process.env.KT_LEDGER_URL;
    else process.env.KT_LEDGER_URL = before;
  });

  it.each([
    ['the flag over the environment', 'http://flag:1/', 'http://env:2', 'http://flag:1'],
    ['the environment over the default', undefined, 'http://env:2', 'http://env:2'],
    ['the default when neither is given', undefined, undefined, 'http://127.0.0.1:41004'],
  ])('prefers %s', (_name, flag, env, want) => {
    if (env === undefined) delete process.env.KT_LEDGER_URL;
    else process.env.KT_LEDGER_URL = env;
    expect(ledgerUrl(flag)).toBe(want);
  });
});
