import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultSpoolDir, resolvePublisherConfig } from './publisher.config.js';

describe('defaultSpoolDir', () => {
  it.each([
    { env: { KT_SPOOL_DIR: '/var/lib/kt/spool' }, instance: 'gw-1', expected: '/var/lib/kt/spool' },
    { env: { KT_SPOOL_DIR: '  ' }, instance: 'gw-1', expected: resolve('.kt/spool/gw-1') },
    { env: {}, instance: 'gateway-7f9c.default', expected: resolve('.kt/spool/gateway-7f9c.default') },
    { env: {}, instance: '../../etc', expected: resolve('.kt/spool/.._.._etc') },
    { env: {}, instance: '', expected: resolve('.kt/spool/default') },
  ])('uses $expected for instance $instance and $env', ({ env, instance, expected }) => {
    expect(defaultSpoolDir(env, instance)).toBe(expected);
  });
});

describe('resolvePublisherConfig', () => {
  it('applies the documented defaults', () => {
    expect(resolvePublisherConfig({ env: {}, instance: 'gw' })).toMatchObject({
      spoolDir: resolve('.kt/spool/gw'),
      capacity: 10_000,
      maxBatch: 500,
      backoff: { initialMs: 500, maxMs: 5_000 },
    });
  });

  it('prefers an explicit spool dir over the environment', () => {
    expect(resolvePublisherConfig({ spoolDir: 'x/y', env: { KT_SPOOL_DIR: '/z' } }).spoolDir).toBe(
      resolve('x/y'),
    );
  });

  it.each([
    { opts: { capacity: 0 }, message: 'capacity must be an integer >= 1, got 0' },
    { opts: { maxBatch: 2.5 }, message: 'maxBatch must be an integer >= 1, got 2.5' },
    { opts: { lingerMs: -1 }, message: 'lingerMs must be an integer >= 0, got -1' },
    {
      opts: { backoff: { initialMs: 1_000, maxMs: 10 } },
      message: 'backoff.maxMs must be an integer >= 1000, got 10',
    },
  ])('rejects $opts naming the option', ({ opts, message }) => {
    expect(() => resolvePublisherConfig({ env: {}, ...opts })).toThrow(message);
  });
});

describe('backoffDelay', () => {
  it.each([
    { attempt: 0, expected: 500 },
    { attempt: 1, expected: 1_000 },
    { attempt: 3, expected: 4_000 },
    { attempt: 4, expected: 5_000 },
    { attempt: 1_000, expected: 5_000 },
  ])('waits $expected ms before probe $attempt', ({ attempt, expected }) => {
    expect(backoffDelay(attempt, { initialMs: 500, maxMs: 5_000 })).toBe(expected);
  });
});

describe('the size limit and dead-letter file settings', () => {
  it('learns the limit from the broker unless KT_PUBLISHER_MAX_MESSAGE_BYTES sets it', () => {
    expect(resolvePublisherConfig({ env: {} })).toMatchObject({
      maxMessageBytes: undefined,
      deadLetterFileBytes: 16 * 1024 * 1024,
      source: 'kt-publisher',
    });
    expect(
      resolvePublisherConfig({
        env: { KT_PUBLISHER_MAX_MESSAGE_BYTES: '2097152', KT_DEAD_LETTER_FILE_BYTES: '65536' },
      }),
    ).toMatchObject({ maxMessageBytes: 2_097_152, deadLetterFileBytes: 65_536 });
  });

  it.each([
    ['KT_PUBLISHER_MAX_MESSAGE_BYTES', '1mb'],
    ['KT_PUBLISHER_MAX_MESSAGE_BYTES', '12'],
    ['KT_DEAD_LETTER_FILE_BYTES', '-5'],
  ])('refuses %s=%s, naming the variable but not its value', (name, value) => {
    expect(() => resolvePublisherConfig({ env: { [name]: value } })).toThrow(
      new RegExp(`^${name} must be an integer >= \\d+$`),
    );
  });
});
