import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchPhases, interleavedOrder, parseBenchOptions, phaseLabel } from './bench.options.js';

describe('parseBenchOptions', () => {
  it('runs 15 s per rate after a 5 s warm-up, on every target, and updates the docs by default', () => {
    expect(parseBenchOptions([])).toEqual({
      quick: false,
      connections: 32,
      rates: [500, 1000, 2000],
      runSeconds: 15,
      warmupSeconds: 5,
      targets: ['direct', 'kt', 'portkey'],
      writeDocs: true,
    });
  });

  it('shortens the runs and leaves the docs alone with --quick', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({
      quick: true,
      runSeconds: 3,
      warmupSeconds: 1,
      writeDocs: false,
    });
  });

  it('lets explicit values win over the quick defaults', () => {
    expect(
      parseBenchOptions([
        '--quick',
        '--seconds',
        '7',
        '--warmup',
        '2',
        '--connections',
        '64',
        '--rates',
        '100,300',
        '--targets',
        'portkey,direct',
        '--docs',
      ]),
    ).toEqual({
      quick: true,
      connections: 64,
      rates: [100, 300],
      runSeconds: 7,
      warmupSeconds: 2,
      targets: ['direct', 'portkey'],
      writeDocs: true,
    });
  });

  it('adds kt of an earlier checkout right after kt with --before, as an absolute path', () => {
    const options = parseBenchOptions(['--before', 'rel/checkout', '--targets', 'portkey,kt']);
    expect(options.targets).toEqual(['kt', 'kt-before', 'portkey']);
    expect(options.before).toBe(resolve('rel/checkout'));
  });

  it('never runs kt before unless asked', () => {
    expect(parseBenchOptions([]).targets).not.toContain('kt-before');
    expect(() => parseBenchOptions(['--targets', 'kt-before'])).toThrow();
  });

  it('can keep a full run from touching the docs', () => {
    expect(parseBenchOptions(['--no-docs']).writeDocs).toBe(false);
  });

  it.each([
    [['--rates', '500,abc']],
    [['--rates', '0']],
    [['--connections', '-3']],
    [['--targets', 'kt,nginx']],
    [['--before', '/tmp/old', '--targets', 'direct,portkey']],
    [['--unknown']],
  ])('refuses %j', (argv) => {
    expect(() => parseBenchOptions(argv)).toThrow();
  });
});

describe('benchPhases', () => {
  it('warms up, climbs the fixed rates in order, then goes flat out', () => {
    const phases = benchPhases(parseBenchOptions(['--rates', '2000,500', '--seconds', '4', '--warmup', '1']));
    expect(phases).toEqual([
      { kind: 'warmup', seconds: 1 },
      { kind: 'rate', rate: 500, seconds: 4 },
      { kind: 'rate', rate: 2000, seconds: 4 },
      { kind: 'max', seconds: 4 },
    ]);
    expect(phases.map(phaseLabel)).toEqual(['warmup', 'rate-500', 'rate-2000', 'max']);
  });
});

describe('interleavedOrder', () => {
  it.each([
    [0, ['direct', 'kt', 'portkey']],
    [1, ['kt', 'portkey', 'direct']],
    [2, ['portkey', 'direct', 'kt']],
    [3, ['direct', 'kt', 'portkey']],
  ] as const)('rotates the targets by one each phase (phase %d)', (index, expected) => {
    expect(interleavedOrder(['direct', 'kt', 'portkey'], index)).toEqual(expected);
  });

  it('has nothing to order when no target is ready', () => {
    expect(interleavedOrder([], 4)).toEqual([]);
  });
});
