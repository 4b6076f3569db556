import { describe, expect, it } from 'vitest';
import { kt } from './cli.fixture.js';

describe('kt --help', () => {
  it.each([
    'pack apply',
    'pack show',
    'pack diff',
    'pack history',
    'spend report',
    'events',
    'events tail',
    'events export',
    'events replay',
  ])('kt %s --help prints usage and exits 0', async (command) => {
    const help = await kt({}, [...command.split(' '), '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: kt ${command} `));
  });

  it('refuses an unknown --by with exit 2 before calling anything', async () => {
    const bad = await kt({ KT_TOKEN: 't' }, ['spend', 'report', '--by', 'planet']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'error: --by: expected one of provider, target, group, model, team, key, got "planet"\n',
    ]);
  });
});
