import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describeSpawnError, runCommand } from './command.run.js';
import { CACHE_DIR, KAFKA_POM, REPO_ROOT } from './infra.paths.js';

/** The Apache Kafka release kt runs locally (newest 3.9.x on Maven Central). */
export const KAFKA_VERSION = '3.9.2';

export interface KafkaDownloadOptions {
  readonly onProgress?: (line: string) => void;
  /** Defaults to `.cache/kafka` in the repository. */
  readonly cacheDir?: string;
  readonly version?: string;
}

export interface KafkaDistribution {
  /** Folder holding every jar the broker needs: run `java -cp '<classpathDir>/*' kafka.Kafka …`. */
  readonly classpathDir: string;
  readonly version: string;
}

const MARKER = 'complete.json';
const PROGRESS_EVERY_MS = 2_000;

/**
 * Fetches the Kafka broker and its runtime dependencies from Maven Central with `mvn`, once:
 * later calls find the completion marker and return at once.
 */
export async function ensureKafkaDownloaded(opts: KafkaDownloadOptions = {}): Promise<KafkaDistribution> {
  const version = opts.version ?? KAFKA_VERSION;
  const home = join(opts.cacheDir ?? join(CACHE_DIR, 'kafka'), version);
  const classpathDir = join(home, 'libs');
  if (existsSync(join(home, MARKER)) && existsSync(classpathDir)) return { classpathDir, version };

  const say = opts.onProgress ?? (() => undefined);
  const began = Date.now();
  say(
    `downloading Apache Kafka ${version} from Maven Central into ${relative(REPO_ROOT, home) || home} (first run only, about 50 MB) …`,
  );
  // A private staging folder per process, renamed into place, so a half-copied folder is never used.
  const staging = join(home, `libs.partial-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(home, { recursive: true });

  let files = 0;
  let bytes = 0;
  let lastReport = Date.now();
  const onLine = (line: string): void => {
    const fetched = parseDownloaded(line);
    if (fetched === undefined) return;
    files += 1;
    bytes += fetched;
    if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = Date.now();
      say(
        `  … ${files} files, ${(bytes / 1e6).toFixed(1)} MB fetched (${((Date.now() - began) / 1000).toFixed(0)} s)`,
      );
    }
  };
  const args = [
    '-B',
    '-Dstyle.color=never',
    '-f',
    KAFKA_POM,
    `-Dkafka.version=${version}`,
    // The Maven repository sits beside the jars so removing .cache/kafka really starts over.
    `-Dmaven.repo.local=${join(home, '..', 'm2')}`,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ];
  const result = await runCommand('mvn', args, { onLine, tailLines: 30 }).catch((error: unknown) => {
    throw describeSpawnError(
      error,
      'mvn',
      'Maven is needed once to fetch Kafka (Debian: apt-get install maven)',
    );
  });
  const brokerJar = `kafka_2.13-${version}.jar`;
  if (result.code !== 0 || !existsSync(join(staging, brokerJar))) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(
      `fetching Kafka ${version} with Maven failed (exit ${result.code}):\n${result.tail.join('\n')}`,
    );
  }

  await rm(classpathDir, { recursive: true, force: true });
  await rename(staging, classpathDir).catch(async (error: unknown) => {
    // Another process finished first and its folder is complete; ours is redundant.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(classpathDir, brokerJar))) throw error;
  });
  const jars = (await readdir(classpathDir)).filter((f) => f.endsWith('.jar')).length;
  await writeFile(
    join(home, MARKER),
    `${JSON.stringify({ version, jars, fetchedAt: new Date().toISOString() })}\n`,
  );
  say(
    `Kafka ${version} ready: ${jars} jars in ${relative(REPO_ROOT, classpathDir)} (${((Date.now() - began) / 1000).toFixed(1)} s)`,
  );
  return { classpathDir, version };
}

const UNITS: Readonly<Record<string, number>> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/** Bytes of one "[INFO] Downloaded from central: <url> (6.1 MB at 5 MB/s)" line of Maven; else undefined. */
export function parseDownloaded(line: string): number | undefined {
  const match = /Downloaded from [^:]+: \S+ \(([\d.]+) ([kKMG]?B)\b/.exec(line);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 'B'] ?? 1));
}
