import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startPostgres, type RunningPostgres } from '@kt/local-infra';
import { listenPort } from '../support/listen.port.js';
import { createDataSource } from '@kt/persistence';
import { LEDGER_MIGRATIONS } from '../../apps/ledger/src/ledger.module.js';
import { checkReadOnly } from '../../apps/reporting/src/shared/read-only.check.js';
import { REPO_ROOT } from './deploy.tools.js';

// Plays docker-compose.yml's PostgreSQL start-up on a private server: the init scripts it mounts,
// then the ledger's migrations; reporting's login must then be one its readiness accepts.

interface ComposeService {
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly (string | { readonly source: string; readonly target: string })[];
}
const services = (
  parse(
    execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }),
  ) as { services: Record<string, ComposeService> }
).services;

/** The host folder compose mounts at /docker-entrypoint-initdb.d (v1 prints `source:target:mode`). */
function initDir(): string {
  for (const volume of services['postgres']?.volumes ?? []) {
    const [source, target] = typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
    if (target === '/docker-entrypoint-initdb.d' && source) return resolve(REPO_ROOT, source);
  }
  throw new Error('postgres mounts nothing at /docker-entrypoint-initdb.d');
}

/** A compose URL (host `postgres:5432`) pointed at the private server. */
function onServer(composeUrl: string | undefined, serverUrl: string): string {
  const url = new URL(composeUrl ?? '');
  const server = new URL(serverUrl);
  url.host = server.host;
  return url.toString();
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let server: RunningPostgres;

beforeAll(async () => {
  const port = await listenPort();
  server = await startPostgres({ port, fresh: true, database: 'kt' });
  // The image runs the scripts in name order as the owner, once, on an empty volume.
  const dir = initDir();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    await run(server.url, readFileSync(join(dir, name), 'utf8'));
  }
  // The ledger starts later and migrates: its migration must accept the role the script made.
  const ledger = createDataSource({
    url: onServer(services['ledger']?.environment?.['DATABASE_URL'], server.url),
    migrations: LEDGER_MIGRATIONS,
  });
  await ledger.initialize();
  try {
    await ledger.runMigrations({ transaction: 'each' });
  } finally {
    await ledger.destroy();
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('docker-compose.yml PostgreSQL', () => {
  it.each([
    ['reporting', true],
    ['ledger', false],
  ])('gives %s a login whose read-only verdict is %s', async (service, readOnly) => {
    const ds = createDataSource({
      url: onServer(services[service]?.environment?.['DATABASE_URL'], server.url),
    });
    await ds.initialize();
    try {
      expect((await checkReadOnly(ds)).readOnly).toBe(readOnly);
      // Both can read what the ledger writes.
      const [row] = await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM spend_hourly');
      expect(row?.n).toBe('0');
    } finally {
      await ds.destroy();
    }
  });

  it('gives reporting the demo tokens of `kt up` unless REPORTING_TOKENS is set, never the gateway key', () => {
    const tokens = services['reporting']?.environment?.['REPORTING_TOKENS'];
    expect(tokens).toBe('finance:finance:kt-finance-demo,admin:ops:kt-admin-demo');
    expect(tokens).not.toContain('kt-demo-key');
  });

  it('points the gateway at the ledger for budget headroom leases', () => {
    expect(services['gateway']?.environment?.['KT_LEDGER_URL']).toBe('http://ledger:41004');
  });
});
