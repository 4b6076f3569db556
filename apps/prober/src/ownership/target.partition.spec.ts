import { describe, expect, it } from 'vitest';
import { NO_ASSIGNMENT, ownsTarget, type Assignment } from './target.ownership.js';
import { murmur2, partitionOf } from './target.partition.js';

describe('murmur2', () => {
  // The vectors of Apache Kafka's UtilsTest, which kafkajs' default partitioner also yields.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
    ['', 275646681],
    // Computed with kafkajs' murmur2: one trailing byte, and a multi-byte UTF-8 character.
    ['hello', 2132663229],
    ['azure-é', -678071562],
  ])('hashes %j like Kafka does', (key, expected) => {
    expect(murmur2(key)).toBe(expected);
  });
});

describe('partitionOf', () => {
  it.each([
    ['openai-primary', 3, 2],
    ['azure-secondary', 3, 1],
    ['anthropic-fallback', 3, 1],
    ['foobar', 3, 0],
    ['anything', 1, 0],
  ])('puts %s in partition %i of %i… as the producer does', (key, partitions, expected) => {
    expect(partitionOf(key, partitions)).toBe(expected);
  });

  it('refuses a partition count below one', () => {
    expect(() => partitionOf('x', 0)).toThrow(RangeError);
  });
});

describe('ownsTarget', () => {
  const assignment = (partitions: number[], count = 3): Assignment => ({
    partitions: new Set(partitions),
    partitionCount: count,
  });

  it.each([
    ['owns a target whose partition it holds', assignment([2]), 'openai-primary', true],
    [
      'does not own a target whose partition another instance holds',
      assignment([0, 1]),
      'openai-primary',
      false,
    ],
    ['owns every target when it holds every partition', assignment([0, 1, 2]), 'azure-secondary', true],
    ['owns nothing before joining the group', NO_ASSIGNMENT, 'openai-primary', false],
  ])('%s', (_name, given, target, expected) => {
    expect(ownsTarget(given, target)).toBe(expected);
  });

  it('splits targets between two instances with no target owned twice or left out', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `target-${i}`);
    const a = assignment([0, 2]);
    const b = assignment([1]);
    for (const id of ids) expect(Number(ownsTarget(a, id)) + Number(ownsTarget(b, id))).toBe(1);
  });
});
