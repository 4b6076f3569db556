import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kt } from './cli.fixture.js';

// A stand-in for reporting whose export starts well and then dies mid-stream, as a crashed or
// restarted server would: the CLI must not leave a truncated file that looks complete.
describe('kt events export when the stream breaks', () => {
  let server: Server;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'kt-cli-export-fail-'));

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!request.url?.startsWith('/v1/events/export')) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/csv', 'x-kt-export-rows-estimate': '1000' });
      response.write('event_id,request_id\r\n');
      for (let i = 0; i < 50; i += 1) response.write(`e${i},r${i}\r\n`);
      setTimeout(() => response.socket?.destroy(), 100);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('exits 1, removes its temporary file and leaves an existing output untouched', async () => {
    const file = join(dir, 'provider-mix.csv');
    writeFileSync(file, 'the previous export\n');
    const run = await kt({ KT_REPORTING_URL: url, KT_TOKEN: 't' }, [
      'events',
      'export',
      '--since',
      '30d',
      '--format',
      'csv',
      '--output',
      file,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: export failed, nothing written: /);
    expect(readFileSync(file, 'utf8')).toBe('the previous export\n');
    expect(readdirSync(dir)).toEqual(['provider-mix.csv']);
  });

  it('writes no file at all when there was none before', async () => {
    const file = join(dir, 'fresh.csv');
    const run = await kt({ KT_REPORTING_URL: url, KT_TOKEN: 't' }, ['events', 'export', '--output', file]);
    expect(run.code).toBe(1);
    expect(existsSync(file)).toBe(false);
  });
});
