import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PublishRecord } from './publish.record.js';
import { decodeSegment, encodeRecord, SEGMENT_HEADER, SpoolFormatError } from './spool.format.js';
import { lockSpoolDir, type SpoolLock } from './spool.lock.js';

/** One segment file; counts are of complete records. */
export interface SpoolSegment {
  readonly seq: number;
  readonly path: string;
  records: number;
  bytes: number;
  /** Records of it acknowledged by the broker (or dead-lettered) during the current drain. */
  sent: number;
  /**
   * When its first record was written (epoch ms); for a segment found at start, its file's last
   * change, so the age of what waits is never overstated, only understated by how long it was written to.
   */
  firstRecordAt: number | undefined;
  /** Settles once the file is closed and fsynced. */
  closed: Promise<void>;
}

export interface SpoolStoreOptions {
  readonly segmentBytes: number;
  readonly onError: (error: Error) => void;
}

const SEGMENT_NAME = /^(\d{12})\.seg$/;
const segmentName = (seq: number): string => `${String(seq).padStart(12, '0')}.seg`;

/**
 * The spool directory: numbered, append-only segment files, oldest first. Appends are synchronous
 * for the caller (they go to a write stream); a segment is fsynced when it is sealed.
 */
export class SpoolStore {
  private readonly sealed: SpoolSegment[] = [];
  private active: { readonly segment: SpoolSegment; readonly stream: WriteStream } | undefined;
  private nextSeq = 1;
  private lock: SpoolLock | undefined;
  private recordCount = 0;
  private byteCount = 0;
  private skipped = 0;

  constructor(
    readonly dir: string,
    private readonly opts: SpoolStoreOptions,
  ) {}

  get records(): number {
    return this.recordCount;
  }

  get bytes(): number {
    return this.byteCount;
  }

  /** Damaged records skipped in segments found at open (a crash's torn last write). */
  get skippedRecords(): number {
    return this.skipped;
  }

  get isEmpty(): boolean {
    return this.sealed.length === 0 && this.active === undefined;
  }

  /** Locks the directory and takes stock of the segments a previous process left. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.lock = await lockSpoolDir(this.dir);
    try {
      const names = (await readdir(this.dir)).filter((n) => SEGMENT_NAME.test(n)).sort();
      for (const name of names) {
        const seq = Number(SEGMENT_NAME.exec(name)?.[1]);
        this.nextSeq = seq + 1;
        const contents = await this.decode(join(this.dir, name));
        if (contents === undefined) continue;
        const written = await stat(join(this.dir, name)).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        );
        this.sealed.push({
          seq,
          path: join(this.dir, name),
          records: contents.records.length,
          bytes: contents.bytes,
          sent: 0,
          firstRecordAt: contents.records.length > 0 ? written : undefined,
          closed: Promise.resolve(),
        });
        this.recordCount += contents.records.length;
        this.byteCount += contents.bytes;
        this.skipped += contents.skippedRecords;
      }
    } catch (error) {
      await this.lock.release();
      throw error;
    }
  }

  /**
   * Appends without waiting: the bytes sit in the stream's buffer until the OS has them. There is
   * no back-pressure to honour, since the caller must not block; the disk outpaces one gateway.
   */
  append(record: PublishRecord): void {
    const frame = encodeRecord(record);
    const active = this.active ?? this.startSegment();
    active.stream.write(frame);
    active.segment.firstRecordAt ??= Date.now();
    active.segment.records += 1;
    active.segment.bytes += frame.length;
    this.recordCount += 1;
    this.byteCount += frame.length;
    if (active.segment.bytes >= this.opts.segmentBytes) this.seal();
  }

  /** When the oldest record still waiting on disk was written (epoch ms); undefined when none waits. */
  get oldestRecordAt(): number | undefined {
    const waiting = [...this.sealed, ...(this.active ? [this.active.segment] : [])];
    return waiting.find((s) => s.sent < s.records)?.firstRecordAt;
  }

  /** The oldest segment, closed and synced; seals the one being written when it is the only one. */
  async oldest(): Promise<SpoolSegment | undefined> {
    if (this.sealed.length === 0) this.seal();
    const segment = this.sealed[0];
    if (segment !== undefined) await segment.closed;
    return segment;
  }

  /** The records of a sealed segment; an unreadable one is moved aside and reads as empty. */
  async read(segment: SpoolSegment): Promise<readonly PublishRecord[]> {
    return (await this.decode(segment.path))?.records ?? [];
  }

  markSent(segment: SpoolSegment, count: number): void {
    segment.sent += count;
    this.recordCount -= count;
  }

  /** Deletes the oldest segment once all its records were acknowledged. */
  async remove(segment: SpoolSegment): Promise<void> {
    if (this.sealed[0] !== segment) throw new Error(`spool: segment ${segment.path} is not the oldest`);
    await unlink(segment.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await syncDir(this.dir);
    this.sealed.shift();
    this.recordCount -= segment.records - segment.sent;
    this.byteCount -= segment.bytes;
  }

  /** Seals and syncs the segment being written and releases the directory. */
  async close(): Promise<void> {
    this.seal();
    await Promise.all(this.sealed.map((s) => s.closed));
    await this.lock?.release();
    this.lock = undefined;
  }

  private startSegment(): { readonly segment: SpoolSegment; readonly stream: WriteStream } {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    const path = join(this.dir, segmentName(seq));
    // 'wx': a segment is never reopened, so a crash's torn tail stays the last bytes of its file.
    const stream = createWriteStream(path, { flags: 'wx', flush: true });
    stream.on('error', (error) => this.opts.onError(new Error(`spool: writing ${path}: ${error.message}`)));
    stream.write(SEGMENT_HEADER);
    const segment: SpoolSegment = {
      seq,
      path,
      records: 0,
      bytes: SEGMENT_HEADER.length,
      sent: 0,
      firstRecordAt: undefined,
      closed: Promise.resolve(),
    };
    this.byteCount += SEGMENT_HEADER.length;
    this.active = { segment, stream };
    return this.active;
  }

  private seal(): void {
    const active = this.active;
    if (active === undefined) return;
    this.active = undefined;
    active.segment.closed = endStream(active.stream)
      .then(() => syncDir(this.dir))
      .catch((error: Error) =>
        this.opts.onError(new Error(`spool: closing ${active.segment.path}: ${error.message}`)),
      );
    this.sealed.push(active.segment);
  }

  private async decode(
    path: string,
  ): Promise<{ records: readonly PublishRecord[]; bytes: number; skippedRecords: number } | undefined> {
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      // Its stream failed before the file existed (reported then); nothing of it to send.
      return Buffer.from(SEGMENT_HEADER);
    });
    try {
      const contents = decodeSegment(bytes);
      return { ...contents, bytes: bytes.length };
    } catch (error) {
      if (!(error instanceof SpoolFormatError)) throw error;
      // Not ours to delete, and not ours to send: kept for a person to look at.
      await rename(path, `${path}.unreadable`);
      this.opts.onError(new Error(`spool: ${path}: ${error.message}; moved to ${path}.unreadable`));
      return undefined;
    }
  }
}

/** Resolves once the stream has written everything, fsynced (`flush`) and closed its file. */
function endStream(stream: WriteStream): Promise<void> {
  if (stream.closed) return stream.errored ? Promise.reject(stream.errored) : Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once('close', () => (stream.errored ? reject(stream.errored) : resolve()));
    // A stream that failed is already being destroyed; its 'close' is on the way.
    if (!stream.destroyed) stream.end();
  });
}

/** Makes file creations and deletions in `dir` durable; a no-op where directories cannot be synced. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}
