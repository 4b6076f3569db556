import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertConsistent, createFolders, dataDirLayout } from './data-dir.js';
import { loadOrCreateCredentials } from './up.credentials.js';

const fresh = (): ReturnType<typeof dataDirLayout> => {
  const layout = dataDirLayout(mkdtempSync(join(tmpdir(), 'kt-up-dir-')));
  createFolders(layout);
  return layout;
};

describe('the kt up data dir', () => {
  it('keeps every piece of state under the one folder', () => {
    const layout = dataDirLayout('/srv/kt');
    for (const path of [
      layout.kafka,
      layout.postgres,
      layout.spool.gateway,
      layout.spool.prober,
      layout.logs,
    ])
      expect(path.startsWith('/srv/kt/')).toBe(true);
  });

  it('accepts an empty data dir and one holding both Kafka and PostgreSQL', () => {
    const layout = fresh();
    expect(() => assertConsistent(layout)).not.toThrow();
    mkdirSync(join(layout.kafka, 'data'), { recursive: true });
    writeFileSync(join(layout.kafka, 'data', 'meta.properties'), 'cluster.id=x\n');
    mkdirSync(layout.postgres, { recursive: true });
    writeFileSync(join(layout.postgres, 'PG_VERSION'), '17\n');
    expect(() => assertConsistent(layout)).not.toThrow();
  });

  it('refuses PostgreSQL data without the Kafka log it checkpointed, and the reverse', () => {
    const pgOnly = fresh();
    mkdirSync(pgOnly.postgres, { recursive: true });
    writeFileSync(join(pgOnly.postgres, 'PG_VERSION'), '17\n');
    expect(() => assertConsistent(pgOnly)).toThrow(/holds PostgreSQL's data but no Kafka data/);

    const kafkaOnly = fresh();
    mkdirSync(join(kafkaOnly.kafka, 'data'), { recursive: true });
    writeFileSync(join(kafkaOnly.kafka, 'data', 'meta.properties'), 'cluster.id=x\n');
    expect(() => assertConsistent(kafkaOnly)).toThrow(/holds Kafka's data but no PostgreSQL data/);
  });
});

describe('kt up credentials', () => {
  it('makes a random gateway token and a signing key pair once, 0600, and reuses them', () => {
    const layout = fresh();
    const first = loadOrCreateCredentials(layout);
    const again = loadOrCreateCredentials(layout);
    expect(again).toEqual(first);
    expect(first.gatewayToken).toMatch(/^kt-gw-[\w-]{32}$/);
    expect(loadOrCreateCredentials(fresh()).gatewayToken).not.toBe(first.gatewayToken);
    expect(statSync(layout.credentials).mode & 0o777).toBe(0o600);
    expect(statSync(first.signingKeyFile).mode & 0o777).toBe(0o600);

    const data = Buffer.from('pack event');
    const signature = sign(null, data, createPrivateKey(readFileSync(first.signingKeyFile)));
    expect(verify(null, data, createPublicKey(readFileSync(first.verifyKeyFile)), signature)).toBe(true);
  });

  it('refuses a damaged credentials file without echoing it', () => {
    const layout = fresh();
    writeFileSync(layout.credentials, 'secret-value-not-json');
    expect(() => loadOrCreateCredentials(layout)).toThrow(/is not valid JSON/);
    expect(() => loadOrCreateCredentials(layout)).not.toThrow(/secret-value/);
  });
});
