import { describe, expect, it } from 'vitest';
import { parseDownloaded } from './kafka.download.js';

describe('parseDownloaded', () => {
  it.each([
    [
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/a/b/1/b-1.jar (6.1 MB at 5.2 MB/s)',
      6_100_000,
    ],
    [
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/a/b/1/b-1.pom (18 kB at 81 kB/s)',
      18_000,
    ],
    ['Downloaded from mirror: https://mirror.example/a.jar (512 B at 1 kB/s)', 512],
  ])('reads the size of %j', (line, bytes) => {
    expect(parseDownloaded(line)).toBe(bytes);
  });

  it.each([
    '[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a/b/1/b-1.jar',
    '[INFO] Copying kafka_2.13-3.9.2.jar to /x/libs/kafka_2.13-3.9.2.jar',
    '',
  ])('ignores %j', (line) => {
    expect(parseDownloaded(line)).toBeUndefined();
  });
});
