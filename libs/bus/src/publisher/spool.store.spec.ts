import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishRecord } from './publish.record.js';
import { encodeRecord } from './spool.format.js';
import { SpoolStore } from './spool.store.js';

const record = (i: number): PublishRecord => ({
  topic: 'kt.route-events.v1',
  key: `req-${i}`,
  value: Buffer.from(`{"n":${i}}`),
});

describe('SpoolStore', () => {
  let dir: string;
  const errors: Error[] = [];
  const store = (segmentBytes = 1_000_000): SpoolStore =>
    new SpoolStore(dir, { segmentBytes, onError: (e) => errors.push(e) });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kt-spool-spec-'));
    errors.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rolls to a new segment at the size limit and hands segments back oldest first', async () => {
    const spool = store(200);
    await spool.open();
    for (let i = 0; i < 20; i += 1) spool.append(record(i));
    expect(spool.records).toBe(20);

    const keys: string[] = [];
    for (let segment = await spool.oldest(); segment; segment = await spool.oldest()) {
      const records = await spool.read(segment);
      keys.push(...records.map((r) => r.key));
      spool.markSent(segment, records.length);
      await spool.remove(segment);
    }
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `req-${i}`));
    expect({ records: spool.records, bytes: spool.bytes, empty: spool.isEmpty }).toEqual({
      records: 0,
      bytes: 0,
      empty: true,
    });
    expect(await readdir(dir)).toEqual(['spool.lock']);
    await spool.close();
    expect(errors).toEqual([]);
  });

  it('finds the records a closed spool left, and appends after them in a new segment', async () => {
    const first = store();
    await first.open();
    [1, 2, 3].forEach((i) => first.append(record(i)));
    await first.close();

    const second = store();
    await second.open();
    expect(second.records).toBe(3);
    second.append(record(4));
    const oldest = await second.oldest();
    expect((await second.read(oldest!)).map((r) => r.key)).toEqual(['req-1', 'req-2', 'req-3']);
    await second.remove(oldest!);
    const next = await second.oldest();
    expect((await second.read(next!)).map((r) => r.key)).toEqual(['req-4']);
    await second.close();
  });

  it('counts a record torn by a crash and delivers the complete ones', async () => {
    const first = store();
    await first.open();
    [1, 2].forEach((i) => first.append(record(i)));
    await first.close();
    const [segment] = (await readdir(dir)).filter((n) => n.endsWith('.seg'));
    await appendFile(join(dir, segment!), encodeRecord(record(3)).subarray(0, 9));

    const second = store();
    await second.open();
    expect({ records: second.records, skipped: second.skippedRecords }).toEqual({ records: 2, skipped: 1 });
    expect((await second.read((await second.oldest())!)).map((r) => r.key)).toEqual(['req-1', 'req-2']);
    await second.close();
  });

  it('moves a file that is not a spool segment aside and says so', async () => {
    await writeFile(join(dir, '000000000001.seg'), 'not a segment');
    const spool = store();
    await spool.open();
    expect(spool.isEmpty).toBe(true);
    expect(await readdir(dir)).toContain('000000000001.seg.unreadable');
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/not a kt spool segment/)]);
    await spool.close();
  });

  it('refuses a spool dir another live process holds, and takes over one whose process is gone', async () => {
    await writeFile(join(dir, 'spool.lock'), '1\n'); // pid 1 is alive on any Unix
    await expect(store().open()).rejects.toThrow(/in use by process 1/);

    await writeFile(join(dir, 'spool.lock'), '2147483646\n');
    const spool = store();
    await spool.open();
    await spool.close();
  });

  it('refuses to open one spool dir twice in a process', async () => {
    const spool = store();
    await spool.open();
    await expect(store().open()).rejects.toThrow(/already open in this process/);
    await spool.close();
  });
});
