// The parse cache in .cache/parse/: parsed messages by a hash of their raw bytes, so a rebuild parses
// only messages it has not seen (an mbox grown by one message parses one). Per list, in segment
// files read lazily (only an index of keys is in memory): each build that parsed something adds
// one, and they are packed into one when they pile up. Bodies and search words are read back from
// here when pages and the index are made, so a build holds no message body in memory for long.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { RawMessage } from "../ingest/index.ts";
import { codeVersion, PROJECT_ROOT } from "./code-version.ts";
import type { MessageBody, MessageHead, ParseOptions } from "../parse/index.ts";
import type { ArchivedMessage } from "./archived-message.ts";
import type { DiagnosticSink, Severity } from "../report/diagnostics.ts";

/** The layout of a segment: a change to it (as to the parser) empties the cache. */
const CACHE_FORMAT = 3;
/** Segments of one list before they are packed into one. */
const MAX_SEGMENTS = 8;
/** Lists (content folder and list id) whose caches are kept; the least recently used go first. */
const MAX_LISTS = 32;
/** Bytes gathered before they are written to a new segment. */
const WRITE_BUFFER = 1 << 20;

/**
 * A message is stored in three parts, read apart: its head (all but its place in the archive,
 * body and attachment bytes) with what parsing reported, its body with the attachment bytes, and
 * its search words.
 */
interface Head {
  message: Omit<MessageHead, "locator">;
  /** What parsing reported, replayed on a cache hit. */
  reports: [Severity, string, string][];
}

interface Body {
  body: MessageBody;
  /** The attachments' bytes, in the order of the head's attachments. */
  contents: Uint8Array[];
}

/** A segment's index, after its entries: keys, and the byte sizes of each entry's three parts. */
interface SegmentIndex {
  format: number;
  version: string;
  keys: string[];
  sizes: number[];
}

/** Where an entry is: its segment file, and offsets. */
interface Location {
  segment: Segment;
  offset: number;
  headBytes: number;
  bodyBytes: number;
  textBytes: number;
}

interface Segment {
  fd: number;
  name: string;
}

export interface ParseCacheCounts {
  hits: number;
  parsed: number;
}

/** A parsed message's head, and the key to read its body, attachments and search words back by. */
export interface Cached {
  head: MessageHead;
  key: string;
}

export class ParseCache {
  private readonly dir: string;
  /** A folder of this build's own, removed on close(): the cache is off, but bodies are still read back. */
  private readonly temporary: boolean;
  private readonly locations = new Map<string, Location>();
  private readonly used = new Set<string>();
  private readonly segments: Segment[] = [];
  /** Segments packed away this build: unlinked, still open for what this build reads back. */
  private readonly retired: Segment[] = [];
  /** The segment this build writes: entries go to its file as they come, its index at save(). */
  private fresh: { segment: Segment; path: string; keys: string[]; sizes: number[]; pending: Buffer[]; pendingBytes: number; written: number } | null = null;
  readonly counts: ParseCacheCounts = { hits: 0, parsed: 0 };

  /**
   * The cache of one list of one content folder; `version` covers everything parsing depends on
   * besides the raw message (code, options). `cacheDir` null: nothing is kept after close().
   */
  constructor(cacheDir: string | null, contentDir: string, listId: string, private readonly version: string) {
    this.temporary = cacheDir === null;
    const key = createHash("sha1").update(resolve(contentDir)).update("\0").update(listId).digest("hex").slice(0, 20);
    if (cacheDir === null) {
      this.dir = mkdtempSync(join(tmpdir(), "listarchive-parse-"));
      temporaryDirs.add(this.dir);
      return;
    }
    this.dir = join(cacheDir, "parse", key);
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names.filter((f) => f.endsWith(".seg")).sort()) this.open(name);
    // A segment a killed build was writing: removed once its process is gone.
    for (const name of names.filter((f) => f.endsWith(".seg.tmp"))) {
      const pid = Number(name.split("-")[1]);
      if (!isRunning(pid)) rmSync(join(this.dir, name), { force: true });
    }
  }

  /** Adds a segment's entries to the index; a damaged or outdated one is ignored (and goes at the next pack). */
  private open(name: string): void {
    let fd: number | null = null;
    try {
      fd = openSync(join(this.dir, name), "r");
      const size = fstatSync(fd).size;
      const trailer = Buffer.alloc(8);
      if (size < 8 || readSync(fd, trailer, 0, 8, size - 8) !== 8) throw new Error("short");
      const indexAt = trailer.readDoubleLE(0);
      if (!Number.isSafeInteger(indexAt) || indexAt < 0 || indexAt > size - 8) throw new Error("bad trailer");
      const index = deserialize(readAt(fd, indexAt, size - 8 - indexAt)) as SegmentIndex;
      const segment = { fd, name };
      this.segments.push(segment);
      if (index.format !== CACHE_FORMAT || index.version !== this.version) return;
      let offset = 0;
      for (const [i, key] of index.keys.entries()) {
        const [headBytes, bodyBytes, textBytes] = [index.sizes[3 * i]!, index.sizes[3 * i + 1]!, index.sizes[3 * i + 2]!];
        this.locations.set(key, { segment, offset, headBytes, bodyBytes, textBytes });
        offset += headBytes + bodyBytes + textBytes;
      }
    } catch {
      if (fd !== null) closeSync(fd);
      // a damaged segment (a build killed while writing it is renamed into place only when whole): ignored
    }
  }

  /** The parsed message: from the cache, or from `parse` (whose reports are recorded for next time). */
  async get(raw: RawMessage, options: ParseOptions, sink: DiagnosticSink, parse: (sink: DiagnosticSink) => Promise<ArchivedMessage>): Promise<Cached> {
    const key = createHash("sha1")
      .update(raw.bytes)
      .update(JSON.stringify([raw.format, raw.envelope, options.fallbackCharset, options.knownTags]))
      .digest("base64url");
    this.used.add(key);
    const cached = this.head(key);
    if (cached) {
      this.counts.hits++;
      for (const [severity, code, message] of cached.reports) sink.report(severity, code, message);
      return { head: { ...cached.message, locator: raw.locator }, key };
    }
    const reports: [Severity, string, string][] = [];
    const message = await parse({
      report: (severity, code, text) => {
        reports.push([severity, code, text]);
        sink.report(severity, code, text);
      },
    });
    this.counts.parsed++;
    const { locator, ownText, body, attachments, ...rest } = message;
    const head: MessageHead = { ...rest, locator, attachments: attachments.map(({ content: _, ...info }) => info) };
    if (!this.locations.has(key)) {
      const { locator: _, ...stored } = head;
      this.append(key, [serialize({ message: stored, reports } satisfies Head), serialize({ body, contents: attachments.map((a) => a.content) } satisfies Body), Buffer.from(ownText, "utf8")]);
    }
    return { head, key };
  }

  /** The body of a message this build got from get(). */
  body(key: string): MessageBody | undefined {
    return this.bodyPart(key)?.body;
  }

  /** The attachments' bytes of a message this build got from get(), in the order of its head's attachments. */
  attachmentContents(key: string): Buffer[] {
    return (this.bodyPart(key)?.contents ?? []).map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  }

  /** The search words of a message this build got from get(). */
  ownText(key: string): string | undefined {
    const at = this.locations.get(key);
    if (!at) return undefined;
    return at.textBytes === 0 ? "" : this.bytes(at, at.offset + at.headBytes + at.bodyBytes, at.textBytes).toString("utf8");
  }

  /** A stored head, or null when there is none or it does not read back (then the message is parsed again). */
  private head(key: string): Head | null {
    const at = this.locations.get(key);
    if (!at) return null;
    try {
      const head = deserialize(this.bytes(at, at.offset, at.headBytes)) as Head;
      if (head && typeof head === "object" && head.message && Array.isArray(head.reports)) return head;
    } catch {
      // fall through
    }
    this.locations.delete(key);
    return null;
  }

  private bodyPart(key: string): Body | undefined {
    const at = this.locations.get(key);
    return at ? (deserialize(this.bytes(at, at.offset + at.headBytes, at.bodyBytes)) as Body) : undefined;
  }

  private bytes(at: Location, offset: number, length: number): Buffer {
    if (this.fresh && at.segment === this.fresh.segment && offset + length > this.fresh.written) this.writePending();
    return readAt(at.segment.fd, offset, length);
  }

  private append(key: string, parts: [Uint8Array, Uint8Array, Uint8Array]): void {
    if (!this.fresh) {
      mkdirSync(this.dir, { recursive: true });
      // Unique within the process too: a pack writes its segment in the same millisecond as the last one.
      const name = `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${(segmentsMade++).toString(36)}.seg`;
      const path = join(this.dir, `${name}.tmp`);
      this.fresh = { segment: { fd: openSync(path, "w+"), name }, path, keys: [], sizes: [], pending: [], pendingBytes: 0, written: 0 };
    }
    const f = this.fresh;
    const offset = f.written + f.pendingBytes;
    const [headBytes, bodyBytes, textBytes] = parts.map((p) => p.byteLength) as [number, number, number];
    f.keys.push(key);
    f.sizes.push(headBytes, bodyBytes, textBytes);
    for (const p of parts) f.pending.push(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    f.pendingBytes += headBytes + bodyBytes + textBytes;
    this.locations.set(key, { segment: f.segment, offset, headBytes, bodyBytes, textBytes });
    if (f.pendingBytes >= WRITE_BUFFER) this.writePending();
  }

  private writePending(): void {
    const f = this.fresh!;
    const data = Buffer.concat(f.pending);
    writeAll(f.segment.fd, data, f.written);
    f.written += data.length;
    f.pending = [];
    f.pendingBytes = 0;
  }

  /**
   * Finishes this build's segment (its index after the entries, then renamed into place); packs
   * the segments into one with what this build used when there are too many. Entries stay readable
   * until close(). Never throws: a cache is optional.
   */
  save(): void {
    try {
      if (this.fresh) this.finishSegment();
      else if (!this.temporary) {
        mkdirSync(this.dir, { recursive: true });
        utimesSync(this.dir, new Date(), new Date());
      }
      if (this.temporary) return;
      if (this.segments.length > MAX_SEGMENTS) this.pack();
      pruneLists(join(this.dir, ".."));
    } catch {
      // an unwritable cache only costs the next build time
    }
  }

  /** Writes the index after this build's entries and renames the segment into place. */
  private finishSegment(): void {
    const f = this.fresh!;
    this.writePending();
    const index = serialize({ format: CACHE_FORMAT, version: this.version, keys: f.keys, sizes: f.sizes } satisfies SegmentIndex);
    const trailer = Buffer.alloc(8);
    trailer.writeDoubleLE(f.written);
    writeAll(f.segment.fd, Buffer.concat([index, trailer]), f.written);
    renameSync(f.path, join(this.dir, f.segment.name));
    this.segments.push(f.segment);
    this.fresh = null;
  }

  /** One segment with the entries this build used; the others are unlinked (still readable until closed). */
  private pack(): void {
    const old = this.segments.splice(0);
    this.retired.push(...old);
    for (const key of [...this.used].sort()) {
      const at = this.locations.get(key);
      if (!at) continue;
      const all = this.bytes(at, at.offset, at.headBytes + at.bodyBytes + at.textBytes);
      this.append(key, [all.subarray(0, at.headBytes), all.subarray(at.headBytes, at.headBytes + at.bodyBytes), all.subarray(at.headBytes + at.bodyBytes)]);
    }
    if (this.fresh) this.finishSegment();
    for (const s of old) unlinkSync(join(this.dir, s.name));
  }

  /** Closes the segment files; a temporary cache is removed. */
  close(): void {
    for (const s of [...this.segments, ...this.retired]) closeSync(s.fd);
    if (this.fresh) closeSync(this.fresh.segment.fd);
    this.segments.length = 0;
    this.retired.length = 0;
    this.fresh = null;
    if (this.temporary) {
      rmSync(this.dir, { recursive: true, force: true });
      temporaryDirs.delete(this.dir);
    }
  }
}

/** Segments this process has begun. */
let segmentsMade = 0;

/** Temporary caches of this process, removed at exit should a build stop before close(). */
const temporaryDirs = new Set<string>();
process.once("exit", () => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let done = 0; done < length; ) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) throw new Error("segment cut short");
    done += n;
  }
  return out;
}

function writeAll(fd: number, data: Buffer, position: number): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, position + done);
}

/** Keeps the MAX_LISTS most recently used list caches (tests build many throwaway content folders). */
function pruneLists(parseDir: string): void {
  const lists = readdirSync(parseDir)
    .map((name) => ({ name, mtime: statSync(join(parseDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of lists.slice(MAX_LISTS)) rmSync(join(parseDir, old.name), { recursive: true, force: true });
}

/**
 * A hash of the code that reads and parses messages and finds their words for search (render/'s
 * text blocks, search/own-text.ts), and of the cache's format: a change to any empties the cache.
 */
export function parseVersion(): string {
  return codeVersion(["src/ingest", "src/parse", "src/render", "src/search/own-text.ts", "src/archive/archived-message.ts"], { cacheFormat: CACHE_FORMAT });
}

/** The default cache folder: `.cache/` in the project. */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, ".cache");
