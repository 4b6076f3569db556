import { describe, expect, it } from 'vitest';
import { CliError } from './cli.error.js';
import { instantFlag, windowFlags } from './window.flags.js';

const now = new Date('2026-11-24T10:30:00.000Z');

describe('window flags', () => {
  it('reads durations ago and RFC 3339 times', () => {
    expect(windowFlags({ since: '24h', until: '2026-11-24T10:00:00Z' }, '30d', now)).toEqual({
      since: new Date('2026-11-23T10:30:00.000Z'),
      until: new Date('2026-11-24T10:00:00.000Z'),
    });
    expect(windowFlags({}, '30d', now)).toEqual({
      since: new Date('2026-10-25T10:30:00.000Z'),
      until: undefined,
    });
  });

  it.each([
    [{ since: 'yesterday' }, "--since: expected a duration like 30d or an RFC 3339 time, got 'yesterday'"],
    [{ until: '5x' }, "--until: expected a duration like 30d or an RFC 3339 time, got '5x'"],
    [
      { since: '1h', until: '2h' },
      "--until: expected a time after --since (2026-11-24T09:30:00.000Z), got '2h'",
    ],
  ])('refuses %j with exit 2 and a message naming the flag', (flags, message) => {
    expect(() => windowFlags(flags, '30d', now)).toThrow(new CliError(message, 2));
  });

  it('names the flag it was given', () => {
    expect(() => instantFlag('--since', '', now)).toThrow(/^--since: /);
  });
});
