// A segment file of the parse cache: entries (each a key and a few parts of bytes) in runs of about
// a megabyte, each run the first parts of its entries one after the other, then the other parts of
// each; then an index of keys, part sizes and run lengths, then 8 bytes giving where the index
// starts. Written under a temporary name and renamed into place when whole; read where the parts
// lie. The first parts of a run lie together so that they can be read without the rest: a rebuild
// reads only the messages' heads, an eighth of the bytes.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync, writevSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";

/** Bytes gathered before they are written out, as one run. */
const WRITE_BUFFER = 1 << 20;
const TEMPORARY = ".tmp";
/**
 * readSpans(): the most bytes one read takes, and the widest stretch between two spans it reads
 * past to join them (less than the other parts of a run: the first parts of two runs are read apart).
 */
const READ_RUN = 4 << 20;
const READ_GAP = 256 << 10;
/** Buffers one writev takes at most (POSIX's IOV_MAX on Linux). */
const IOV_MAX = 1024;

export interface Segment {
  fd: number;
  name: string;
}

/** An entry of a segment: its key, the byte size of each of its parts and where they lie. */
export interface SegmentEntry {
  key: string;
  sizes: ArrayLike<number>;
  /** Where its first part lies (with the first parts of the other entries of its run); -1 until its run is written. */
  firstAt: number;
  /** Where its other parts lie, one after the other; -1 until its run is written. */
  restAt: number;
}

/**
 * A segment's index, after its entries: compact, so that opening a segment of a million entries
 * reads a few arrays, not a million keys and five million sizes one value at a time.
 */
interface SegmentIndex {
  format: number;
  version: string;
  /** The keys, each followed by a newline (keys are base64url). */
  keys: string;
  /** `parts` sizes per key, one after the other. */
  sizes: Float64Array;
  parts: number;
  /** How many entries each run has, in order. */
  runs: number[];
}

/**
 * Opens a whole segment and reads its index; null when it is damaged (then it is closed again). The
 * entries are read when its format is `format` (the layout of its entries), each naming the segment.
 */
export function openSegment(dir: string, name: string, format: number): { segment: Segment; format: number; version: string; entries: (SegmentEntry & { segment: Segment })[] } | null {
  let fd: number | null = null;
  try {
    fd = openSync(join(dir, name), "r");
    const size = fstatSync(fd).size;
    if (size < 8) throw new Error("short");
    const indexAt = readAt(fd, size - 8, 8).readDoubleLE(0);
    if (!Number.isSafeInteger(indexAt) || indexAt < 0 || indexAt > size - 8) throw new Error("bad trailer");
    const index = deserialize(readAt(fd, indexAt, size - 8 - indexAt)) as SegmentIndex;
    const segment = { fd, name };
    // A segment of another format is still opened (and so removed as outdated), without its entries.
    const entries = index.format === format && Array.isArray(index.runs) ? entriesOf(index, indexAt, segment) : [];
    return { segment, format: index.format, version: index.version, entries };
  } catch {
    if (fd !== null) closeSync(fd);
    return null;
  }
}

/** Where the entries of a segment lie: its runs one after the other. */
function entriesOf(index: SegmentIndex, indexAt: number, segment: Segment): (SegmentEntry & { segment: Segment })[] {
  const { parts, sizes } = index;
  if (typeof index.keys !== "string" || !(sizes instanceof Float64Array)) throw new Error("not an index");
  const entries: (SegmentEntry & { segment: Segment })[] = [];
  let offset = 0;
  let from = 0;
  for (const count of index.runs) {
    const first = entries.length;
    for (let k = 0; k < count; k++) {
      const end = index.keys.indexOf("\n", from);
      if (end < 0) throw new Error("runs and keys disagree");
      const i = entries.length;
      entries.push({ key: index.keys.slice(from, end), sizes: sizes.subarray(i * parts, (i + 1) * parts), firstAt: -1, restAt: -1, segment });
      from = end + 1;
    }
    offset = placeRun(entries, offset, first);
  }
  if (from !== index.keys.length || sizes.length !== entries.length * parts || offset !== indexAt) throw new Error("runs and entries disagree");
  return entries;
}

/**
 * Places a run of entries (those of `entries` from `first` on) from `start`: their first parts one
 * after the other, then the other parts of each; returns where the run ends.
 */
function placeRun(entries: readonly SegmentEntry[], start: number, first = 0): number {
  let at = start;
  for (let i = first; i < entries.length; i++) {
    entries[i]!.firstAt = at;
    at += entries[i]!.sizes[0]!;
  }
  for (let i = first; i < entries.length; i++) {
    const { sizes } = entries[i]!;
    entries[i]!.restAt = at;
    for (let k = 1; k < sizes.length; k++) at += sizes[k]!;
  }
  return at;
}

/** Segments this process has begun. */
let segmentsMade = 0;

/** A segment being written: entries go to its file a run at a time, its index at finish(). */
export class SegmentWriter {
  readonly segment: Segment;
  private readonly path: string;
  private keys = "";
  private readonly sizes: number[] = [];
  private readonly runs: number[] = [];
  /** The run being gathered: its entries, with each one's first part and its other parts. */
  private pending: { entry: SegmentEntry; first: Buffer; rest: Buffer }[] = [];
  private pendingBytes = 0;
  private written = 0;

  constructor(private readonly dir: string, private readonly parts: number) {
    mkdirSync(dir, { recursive: true });
    // Unique within the process too: a pack writes its segment in the same millisecond as the last one.
    const name = `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${(segmentsMade++).toString(36)}.seg`;
    this.path = join(dir, `${name}${TEMPORARY}`);
    this.segment = { fd: openSync(this.path, "w+"), name };
  }

  /**
   * Adds an entry, its parts one after the other in `bytes`: `entry` names its key and sizes, and
   * is given where its parts lie (firstAt, restAt) when its run is written.
   */
  append(entry: SegmentEntry, bytes: Uint8Array): void {
    const { key, sizes } = entry;
    if (sizes.length !== this.parts) throw new Error(`internal error: an entry of ${sizes.length} parts in a segment of ${this.parts}`);
    if (key.includes("\n")) throw new Error(`internal error: a key with a newline: ${JSON.stringify(key)}`);
    this.keys += `${key}\n`;
    for (let k = 0; k < sizes.length; k++) this.sizes.push(sizes[k]!);
    const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    entry.firstAt = entry.restAt = -1;
    this.pending.push({ entry, first: all.subarray(0, sizes[0]), rest: all.subarray(sizes[0]) });
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= WRITE_BUFFER) this.writePending();
  }

  /** Part `i` of an entry of this segment (the whole entry when `i` is left out): this build reads back what it parsed. */
  read(entry: SegmentEntry, i?: number): Buffer {
    if (entry.firstAt < 0) this.writePending();
    return readEntry(this.segment.fd, entry, i);
  }

  /** Writes the index and the trailer, and renames the segment into place; it stays open for reading. */
  finish(format: number, version: string): void {
    this.writePending();
    const index = serialize({ format, version, keys: this.keys, sizes: Float64Array.from(this.sizes), parts: this.parts, runs: this.runs } satisfies SegmentIndex);
    const trailer = Buffer.alloc(8);
    trailer.writeDoubleLE(this.written);
    writeAll(this.segment.fd, Buffer.concat([index, trailer]), this.written);
    renameSync(this.path, join(this.dir, this.segment.name));
  }

  /** Writes the run gathered: the first parts of its entries, then the other parts of each. */
  private writePending(): void {
    if (this.pending.length === 0) return;
    const end = placeRun(this.pending.map((p) => p.entry), this.written);
    writeAllOf(this.segment.fd, [...this.pending.map((p) => p.first), ...this.pending.map((p) => p.rest)], this.written);
    this.runs.push(this.pending.length);
    this.written = end;
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

/** Where part `i` of an entry lies in its segment (once its run is written). */
export function span(at: SegmentEntry, i: number): { offset: number; length: number } {
  if (i === 0) return { offset: at.firstAt, length: at.sizes[0]! };
  let offset = at.restAt;
  for (let k = 1; k < i; k++) offset += at.sizes[k]!;
  return { offset, length: at.sizes[i]! };
}

/** Part `i` of an entry; the whole entry, its parts one after the other, when `i` is left out. */
export function readEntry(fd: number, at: SegmentEntry, i?: number): Buffer {
  if (i !== undefined) {
    const { offset, length } = span(at, i);
    return length === 0 ? Buffer.alloc(0) : readAt(fd, offset, length);
  }
  let rest = 0;
  for (let k = 1; k < at.sizes.length; k++) rest += at.sizes[k]!;
  return Buffer.concat([readAt(fd, at.firstAt, at.sizes[0]!), readAt(fd, at.restAt, rest)]);
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
