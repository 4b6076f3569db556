import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool } from 'undici';
import { claimPort } from '@kt/local-infra';
import { ktRequest, startKt, startSimulator, waitForStatus } from '../gateway/bench.servers.js';
import { percentile } from '../gateway/latency.stats.js';
import { startServer } from '../gateway/server.process.js';

export interface FreshnessResult {
  readonly rps: number;
  readonly seconds: number;
  readonly sent: number;
  readonly ok: number;
  /** Answered 200 and found in `ledger_entries` before the wait ran out. */
  readonly visible: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface FreshnessSettings {
  readonly root: string;
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  readonly rps: number;
  readonly seconds: number;
}

const POLL_MS = 25;

/**
 * A gateway and a ledger on a real Kafka and Postgres; requests at a fixed rate, each found by the
 * `x-request-id` the gateway answers; per request, the time from its 200 response until its entry is in `ledger_entries`
 * (polled every 25 ms, so values are up to 25 ms late).
 */
export async function measureFreshness(s: FreshnessSettings): Promise<FreshnessResult> {
  const spoolDir = await mkdtemp(join(tmpdir(), 'kt-fresh-spool-'));
  const sim = await startSimulator(s.root);
  const gwPort = await claimPort(45102);
  const ledgerPort = await claimPort(45104);
  const db = new pg.Client({ connectionString: s.databaseUrl });
  const stops: (() => Promise<unknown>)[] = [() => sim.process.stop()];
  try {
    const gateway = await startKt(s.root, {
      port: gwPort.port,
      simOrigin: sim.openai,
      kafkaBrokers: s.kafkaBrokers,
      pack: join(s.root, 'bench/packs/bench.yaml'),
      spoolDir,
      instanceId: 'bench',
    });
    stops.push(() => gateway.stop());
    await waitForStatus(`http://127.0.0.1:${gwPort.port}/readyz`, gateway, 90_000);
    const ledger = await startServer({
      name: 'kt-ledger',
      command: process.execPath,
      args: ['bin/kt-service.js', 'ledger'],
      cwd: s.root,
      env: {
        LEDGER_PORT: String(ledgerPort.port),
        KAFKA_BROKERS: s.kafkaBrokers,
        DATABASE_URL: s.databaseUrl,
        // The ledger refuses to start without credentials; this run calls none of its routes.
        LEDGER_TOKENS: `admin:bench:${randomBytes(24).toString('base64url')}`,
      },
    });
    stops.push(() => ledger.stop());
    await waitForStatus(`http://127.0.0.1:${ledgerPort.port}/readyz`, ledger, 90_000);
    await db.connect();
    return await drive(s, ktRequest(`http://127.0.0.1:${gwPort.port}`), db);
  } finally {
    await db.end().catch(() => undefined);
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await Promise.all([gwPort, ledgerPort].map((c) => c.release().catch(() => undefined)));
    await rm(spoolDir, { recursive: true, force: true });
  }
}

async function drive(
  s: FreshnessSettings,
  request: ReturnType<typeof ktRequest>,
  db: pg.Client,
): Promise<FreshnessResult> {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: 64 });
  const responded = new Map<string, number>();
  const freshness: number[] = [];
  let sent = 0;
  let ok = 0;
  let loading = true;
  const poller = (async () => {
    const deadline = (): boolean => !loading && (responded.size === 0 || Date.now() > stopAt);
    let stopAt = Number.POSITIVE_INFINITY;
    while (!deadline()) {
      if (!loading && stopAt === Number.POSITIVE_INFINITY) stopAt = Date.now() + 30_000;
      const ids = [...responded.keys()];
      if (ids.length > 0) {
        const found = await db.query<{ request_id: string }>(
          'SELECT request_id FROM ledger_entries WHERE request_id = ANY($1::text[])',
          [ids],
        );
        const now = Date.now();
        for (const { request_id: id } of found.rows) {
          const at = responded.get(id);
          if (at === undefined) continue;
          freshness.push(now - at);
          responded.delete(id);
        }
      }
      await sleep(POLL_MS);
    }
  })();
  const began = Date.now();
  const inFlight: Promise<void>[] = [];
  const total = s.rps * s.seconds;
  // Fixed schedule: request n leaves at began + n / rps, whatever the previous ones are doing.
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - began) * s.rps) / 1000) + 1);
    for (; sent < due; sent += 1) {
      const id = `fresh-${began}-${sent}`;
      inFlight.push(
        pool
          .request({
            path: url.pathname,
            method: 'POST',
            headers: { ...request.headers, 'x-request-id': id },
            body: request.body,
          })
          .then(async (r) => {
            await r.body.dump();
            if (r.statusCode === 200) {
              ok += 1;
              // The ledger keys entries by kt's own request id (answered as x-request-id); the one
              // sent is kept only as the event's client_request_id.
              const ours = r.headers['x-request-id'];
              responded.set(typeof ours === 'string' ? ours : id, Date.now());
            }
          })
          .catch(() => undefined),
      );
    }
    await sleep(5);
  }
  await Promise.all(inFlight);
  loading = false;
  await poller;
  await pool.close();
  const sorted = Float64Array.from(freshness).sort();
  if (sorted.length === 0)
    throw new Error(`no spend became visible (${ok} of ${sent} requests answered 200)`);
  return {
    rps: s.rps,
    seconds: s.seconds,
    sent,
    ok,
    visible: freshness.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}
