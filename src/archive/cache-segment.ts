// A segment file of the parse cache: entries (each a key and a few parts of bytes) one after the
// other, then an index of keys and part sizes, then 8 bytes giving where the index starts. Written
// under a temporary name and renamed into place when whole; read where the entries lie.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync, writevSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";

/** Bytes gathered before they are written out. */
const WRITE_BUFFER = 1 << 20;
const TEMPORARY = ".tmp";
/** readSpans(): the most bytes one read takes, and the widest stretch between two spans it reads past to join them. */
const READ_RUN = 4 << 20;
const READ_GAP = 256 << 10;
/** Buffers one writev takes at most (POSIX's IOV_MAX on Linux). */
const IOV_MAX = 1024;

export interface Segment {
  fd: number;
  name: string;
}

/** An entry of a segment: its key, where it starts and the byte size of each of its parts. */
export interface SegmentEntry {
  key: string;
  offset: number;
  sizes: number[];
}

/** A segment's index, after its entries. */
interface SegmentIndex {
  format: number;
  version: string;
  keys: string[];
  /** `parts` sizes per key, one after the other. */
  sizes: number[];
  parts: number;
}

/** Opens a whole segment and reads its index; null when it is damaged (then it is closed again). */
export function openSegment(dir: string, name: string): { segment: Segment; format: number; version: string; entries: SegmentEntry[] } | null {
  let fd: number | null = null;
  try {
    fd = openSync(join(dir, name), "r");
    const size = fstatSync(fd).size;
    if (size < 8) throw new Error("short");
    const indexAt = readAt(fd, size - 8, 8).readDoubleLE(0);
    if (!Number.isSafeInteger(indexAt) || indexAt < 0 || indexAt > size - 8) throw new Error("bad trailer");
    const index = deserialize(readAt(fd, indexAt, size - 8 - indexAt)) as SegmentIndex;
    const entries: SegmentEntry[] = [];
    let offset = 0;
    for (const [i, key] of index.keys.entries()) {
      const sizes = index.sizes.slice(i * index.parts, (i + 1) * index.parts);
      entries.push({ key, offset, sizes });
      for (const s of sizes) offset += s;
    }
    return { segment: { fd, name }, format: index.format, version: index.version, entries };
  } catch {
    if (fd !== null) closeSync(fd);
    return null;
  }
}

/** Segments this process has begun. */
let segmentsMade = 0;

/** A segment being written: entries go to its file as they come, its index at finish(). */
export class SegmentWriter {
  readonly segment: Segment;
  private readonly path: string;
  private readonly keys: string[] = [];
  private readonly sizes: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;

  constructor(private readonly dir: string, private readonly parts: number) {
    mkdirSync(dir, { recursive: true });
    // Unique within the process too: a pack writes its segment in the same millisecond as the last one.
    const name = `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${(segmentsMade++).toString(36)}.seg`;
    this.path = join(dir, `${name}${TEMPORARY}`);
    this.segment = { fd: openSync(this.path, "w+"), name };
  }

  /** Adds an entry: its parts one after the other in `bytes`, of `sizes`; returns where it starts. */
  append(key: string, bytes: Uint8Array, sizes: readonly number[]): number {
    if (sizes.length !== this.parts) throw new Error(`internal error: an entry of ${sizes.length} parts in a segment of ${this.parts}`);
    const offset = this.written + this.pendingBytes;
    this.keys.push(key);
    for (const size of sizes) this.sizes.push(size);
    this.pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= WRITE_BUFFER) this.writePending();
    return offset;
  }

  /** Bytes of an entry written before (this build reads back what it parsed). */
  read(offset: number, length: number): Buffer {
    if (offset + length > this.written) this.writePending();
    return readAt(this.segment.fd, offset, length);
  }

  /** Writes the index and the trailer, and renames the segment into place; it stays open for reading. */
  finish(format: number, version: string): void {
    this.writePending();
    const index = serialize({ format, version, keys: this.keys, sizes: this.sizes, parts: this.parts } satisfies SegmentIndex);
    const trailer = Buffer.alloc(8);
    trailer.writeDoubleLE(this.written);
    writeAll(this.segment.fd, Buffer.concat([index, trailer]), this.written);
    renameSync(this.path, join(this.dir, this.segment.name));
  }

  private writePending(): void {
    writeAllOf(this.segment.fd, this.pending, this.written);
    this.written += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Removes segments that builds killed while writing them left behind (their process is gone). */
export function removeAbandoned(dir: string, names: readonly string[]): void {
  for (const name of names) {
    if (!name.endsWith(`.seg${TEMPORARY}`)) continue;
    const pid = Number(name.split("-")[1]);
    if (!isRunning(pid)) rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where part `i` of an entry lies in its segment; the whole entry when `i` is left out. */
export function span(at: SegmentEntry, i?: number): { offset: number; length: number } {
  let offset = at.offset;
  for (let k = 0; k < (i ?? 0); k++) offset += at.sizes[k]!;
  return { offset, length: i === undefined ? at.sizes.reduce((a, b) => a + b, 0) : at.sizes[i]! };
}

export function readAt(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) throw new Error("segment cut short");
    done += n;
  }
  return out;
}

/**
 * The bytes of each span, in the order asked, read in runs: spans close together (at most
 * READ_GAP apart) are read in one read of at most READ_RUN bytes, the bytes between them read past.
 */
export function readSpans(fd: number, spans: readonly { offset: number; length: number }[]): Buffer[] {
  const out: Buffer[] = new Array(spans.length);
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.offset - spans[b]!.offset);
  for (let first = 0; first < order.length; ) {
    const start = spans[order[first]!]!.offset;
    let end = start + spans[order[first]!]!.length;
    let last = first;
    while (last + 1 < order.length) {
      const next = spans[order[last + 1]!]!;
      if (next.offset - end > READ_GAP || next.offset + next.length - start > READ_RUN) break;
      end = Math.max(end, next.offset + next.length);
      last++;
    }
    const run = readAt(fd, start, end - start);
    for (let k = first; k <= last; k++) {
      const { offset, length } = spans[order[k]!]!;
      out[order[k]!] = run.subarray(offset - start, offset - start + length);
    }
    first = last + 1;
  }
  return out;
}

/** Writes the buffers one after the other at `position`, in one call when the system takes them all (no copy into one first). */
function writeAllOf(fd: number, buffers: Buffer[], position: number): void {
  for (let i = 0; i < buffers.length; i += IOV_MAX) {
    const batch = buffers.slice(i, i + IOV_MAX);
    const total = batch.reduce((n, b) => n + b.length, 0);
    const done = writevSync(fd, batch, position);
    if (done < total) writeAll(fd, Buffer.concat(batch).subarray(done), position + done);
    position += total;
  }
}

function writeAll(fd: number, data: Buffer, position: number): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, position + done);
}
