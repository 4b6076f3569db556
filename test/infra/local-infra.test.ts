import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkKafka, createKafka } from '@kt/bus';
import { claimPort, freePort, isPortFree, startKafka, startPostgres } from '@kt/local-infra';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { databaseUrl, kafkaBrokers } from '../setup/infra.js';

const SCRATCH = fileURLToPath(new URL('../../.kt/test-local-infra/', import.meta.url));

/** Whether the pid is a live process (a zombie, exited but not yet reaped, is not). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

/** The local port of a `host:port` / URL address, when it points at this machine. */
function localPort(address: string): number | undefined {
  const url = new URL(address.includes('://') ? address : `kafka://${address}`);
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? Number(url.port) : undefined;
}

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

describe('startKafka', () => {
  it('refuses, naming the running broker, to start on a port where Kafka already answers', async (ctx) => {
    const port = localPort(kafkaBrokers());
    if (port === undefined) ctx.skip();
    await expect(
      startKafka({
        port,
        controllerPort: await freePort(port! + 2),
        dataDir: join(SCRATCH, 'refused'),
        javaHome: process.env.JAVA_HOME,
      }),
    ).rejects.toThrow(`a Kafka broker is already running on localhost:${port}`);
  });

  it('starts a broker that answers clients, and stops it without leaving a java process or a pid file', async () => {
    const claims = [await claimPort(19292)];
    claims.push(await claimPort(19293, [claims[0]!.port]));
    onTestFinished(async () => {
      await Promise.all(claims.map((c) => c.release()));
    });
    const [port, controllerPort] = claims.map((c) => c.port);
    const dataDir = join(SCRATCH, `lifecycle-${port}`);
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const broker = await startKafka({
      port,
      controllerPort,
      dataDir,
      fresh: true,
      javaHome: process.env.JAVA_HOME,
    });
    onTestFinished(() => broker.stop());
    expect(broker.brokers).toBe(`localhost:${port}`);
    expect(isRunning(broker.pid)).toBe(true);
    expect(existsSync(join(dataDir, 'kafka.pid'))).toBe(true);
    await expect(checkKafka(createKafka({ brokers: broker.brokers }), 5_000)).resolves.toBe(true);

    await broker.stop();
    expect(isRunning(broker.pid)).toBe(false);
    expect(existsSync(join(dataDir, 'kafka.pid'))).toBe(false);
    expect(await isPortFree(port)).toBe(true);
    expect(existsSync(join(dataDir, 'logs', 'server.log'))).toBe(true);
  });
});

describe('startPostgres', () => {
  it('refuses to start on a port that is already in use', async (ctx) => {
    const port = localPort(databaseUrl());
    if (port === undefined) ctx.skip();
    await expect(startPostgres({ port, dataDir: join(SCRATCH, 'refused-pg') })).rejects.toThrow(
      `port ${port} is in use`,
    );
  });

  it('replaces a server an earlier run left behind on the same data dir, and stops cleanly', async () => {
    const claim = await claimPort(54349);
    onTestFinished(() => claim.release());
    const port = claim.port;
    const dataDir = join(tmpdir(), `kt-pg-test-${port}`);
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const leftover = await startPostgres({ port, dataDir, fresh: true });
    onTestFinished(() => leftover.stop());
    expect(await selectOne(leftover.url)).toBe(1);

    // As if the earlier run had crashed: its server is still up when the next one starts.
    const next = await startPostgres({ port, dataDir });
    onTestFinished(() => next.stop());
    expect(isRunning(leftover.pid)).toBe(false);
    expect(next.pid).not.toBe(leftover.pid);
    expect(await selectOne(next.url)).toBe(1);

    await next.stop();
    expect(isRunning(next.pid)).toBe(false);
    expect(await isPortFree(port)).toBe(true);
  });
});
