import { describe, expect, it } from 'vitest';
import { CliSettingsError, readCliSettings } from './cli.settings.js';

describe('readCliSettings', () => {
  it('keeps the variables the commands consult and the whole environment for what kt up passes on', () => {
    const settings = readCliSettings({ KT_TOKEN: 't', KT_LEDGER_URL: 'http://127.0.0.1:1', OTHER: 'x' });
    expect(settings.KT_TOKEN).toBe('t');
    expect(settings.KT_LEDGER_URL).toBe('http://127.0.0.1:1');
    expect(settings.inherited.OTHER).toBe('x');
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('names every URL variable that is not an http(s) URL, never its value', () => {
    let thrown: unknown;
    try {
      readCliSettings({
        KT_REPORTING_URL: 'ftp://secret@host',
        KT_GATEWAY_URL: 'not a url',
        KT_LEDGER_URL: '',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliSettingsError);
    expect((thrown as CliSettingsError).problems).toEqual([
      'KT_GATEWAY_URL: must be an http or https URL',
      'KT_REPORTING_URL: must be an http or https URL',
    ]);
    expect((thrown as Error).message).not.toContain('secret');
  });
});
