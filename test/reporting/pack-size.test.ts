// A pack under POST /v1/packs' 1 MiB body cap whose event is not: the text travels JSON-escaped in
// a signed envelope, so ~550 KB of `"` in a YAML comment doubles past the broker's record limit.
// That is the client's pack, and the answer says so (413 naming the limit), never a 500.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReportingStack, type ReportingStack } from './reporting.fixture.js';

const SEED = readFileSync(new URL('../../packs/multi-provider-core.yaml', import.meta.url), 'utf8');
const run = randomUUID().slice(0, 8);
const BODY_CAP = 1024 * 1024;

let stack: ReportingStack;

beforeAll(async () => {
  stack = await startReportingStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

function postPack(text: string): Promise<Response> {
  return fetch(`${stack.reportingUrl}/v1/packs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/yaml' },
    body: text,
  });
}

const named = (suffix: string): string =>
  SEED.replace('name: multi-provider-core', `name: size-${run}-${suffix}`);

describe('POST /v1/packs with a pack whose event exceeds the broker’s record limit', () => {
  it('answers 413 naming the limit for a pack under the body cap that escaping doubles past it', async () => {
    const pack = `${named('quotes')}\n# ${'"'.repeat(550 * 1024)}\n`;
    expect(Buffer.byteLength(pack)).toBeLessThan(BODY_CAP);
    const res = await postPack(pack);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect([res.status, body.error.code]).toEqual([413, 'pack_too_large']);
    expect(body.error.message).toMatch(/kt\.pack-events\.v1 accepts at most \d+ bytes per record/);
    expect(body.error.message).not.toContain('""""');
  });

  it('answers 413 for a pack of nearly 1 MiB, and still applies an ordinary pack afterwards', async () => {
    const pack = `${named('big')}\n# ${'x'.repeat(BODY_CAP - SEED.length - 200)}\n`;
    expect(Buffer.byteLength(pack)).toBeLessThan(BODY_CAP);
    const big = await postPack(pack);
    expect([big.status, ((await big.json()) as { error: { code: string } }).error.code]).toEqual([
      413,
      'pack_too_large',
    ]);
    const ordinary = await postPack(named('ordinary'));
    expect([ordinary.status, await ordinary.text()]).toEqual([
      201,
      expect.stringContaining(`size-${run}-ordinary`),
    ]);
  });
});

describe('POST /v1/packs while Kafka does not answer', () => {
  let away: ReportingStack;
  let brokers: string;

  beforeAll(async () => {
    // A port nothing listens on: reporting serves, its producer never connects.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    brokers = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    away = await startReportingStack({ reportingEnv: { KAFKA_BROKERS: brokers }, waitFor: 'healthz' });
  }, 120_000);

  afterAll(async () => {
    await away?.stop();
  });

  it('answers 503 with a message that names no broker', async () => {
    const res = await fetch(`${away.reportingUrl}/v1/packs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${away.adminToken}`, 'content-type': 'application/yaml' },
      body: named('kafka-away'),
    });
    const text = await res.text();
    expect([res.status, text]).toEqual([503, expect.stringContaining('pack_not_published')]);
    expect(text).not.toContain(brokers);
  }, 120_000);
});
