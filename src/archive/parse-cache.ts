// The parse cache in .cache/parse/: parsed messages by a hash of their raw bytes, so a rebuild parses
// only messages it has not seen (an mbox grown by one message parses one). Per list, in segment
// files read lazily (only an index of keys is in memory): each build that parsed something adds
// one, and when they pile up the newer ones are packed into one (large ones mostly in use are left
// as they are). Bodies and search words are read back from
// here when pages and the index are made, so a build holds no message body in memory for long.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deserialize } from "node:v8";
import type { RawMessage, SourceLocator } from "../ingest/index.ts";
import { closureVersion, PROJECT_ROOT } from "./code-version.ts";
import type { MessageBody, MessageHead } from "../parse/index.ts";
import type { ArchiveOptions } from "./archived-message.ts";
import type { DiagnosticSink } from "../report/diagnostics.ts";
import { BODY, HEAD, HTML, PARTS, partOf, readBody, readHead, TERMS, TEXT, type MessageParts, type StoredBody, type StoredHead } from "./message-parts.ts";
import { openSegment, readEntry, readSpans, removeAbandoned, SegmentWriter, span, type Segment, type SegmentEntry } from "./cache-segment.ts";
import { MAX_SEGMENTS, pruneLists, segmentsLeftAsTheyAre } from "./cache-upkeep.ts";
import { readStoredText, type StoredText } from "./stored-parts.ts";

export type { StoredHead } from "./message-parts.ts";

/** The layout of a segment: a change to it (as to the parser) empties the cache. */
const CACHE_FORMAT = 8;

/** Where an entry is: its segment and its place in it. */
interface Location extends SegmentEntry {
  segment: Segment;
}

export interface ParseCacheCounts {
  hits: number;
  parsed: number;
  /** Of the hits, messages whose bytes were not even read: their file was known from the previous build (read-snapshot.ts). */
  unread: number;
}

/** A parsed message's head, and the key to read its body, attachments and search words back by. */
export interface Cached {
  head: MessageHead;
  key: string;
  /** The head as stored, with what parsing reported (its message is `head`, placed). */
  stored: StoredHead;
}

export class ParseCache {
  /** The list's folder in the cache. */
  readonly dir: string;
  /** A folder of this build's own, removed on close(): the cache is off, but bodies are still read back. */
  readonly temporary: boolean;
  private readonly locations = new Map<string, Location>();
  private readonly used = new Set<string>();
  /**
   * Keys this build used beside `used`: the messages of files the read snapshot knows, kept as the
   * lists they come in, and put in `used` only should a pack need them (a key a message was 0.15 s
   * of a rebuild at 150k messages).
   */
  private readonly usedLists: (readonly { key: string }[])[] = [];
  private readonly segments: Segment[] = [];
  /** Segments of another parsing code or cache format: removed once this build's segment is saved. */
  private readonly outdated: Segment[] = [];
  /** Segments that do not read (a disk that filled up, a file cut short by hand): removed with the outdated ones. */
  private readonly damaged: string[] = [];
  /** Segments packed away this build: unlinked, still open for what this build reads back. */
  private readonly retired: Segment[] = [];
  /** The segment this build writes, from its first parsed message to save(). */
  private fresh: SegmentWriter | null = null;
  readonly counts: ParseCacheCounts = { hits: 0, parsed: 0, unread: 0 };
  /** The segments' names once save() left every key this build used in one of them; null before, or when it failed. */
  private saved: string[] | null = null;

  /**
   * The cache of one list of one content folder; `version` covers everything parsing depends on
   * besides the raw message (code, options). `cacheDir` null: nothing is kept after close().
   */
  constructor(cacheDir: string | null, contentDir: string, listId: string, private readonly version: string) {
    this.temporary = cacheDir === null;
    if (cacheDir === null) {
      this.dir = mkdtempSync(join(tmpdir(), "listarchive-parse-"));
      temporaryDirs.add(this.dir);
      return;
    }
    this.dir = join(cacheDir, "parse", createHash("sha1").update(resolve(contentDir)).update("\0").update(listId).digest("hex").slice(0, 20));
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    // A damaged segment (a build killed while writing it is renamed into place only when whole) is
    // passed over; it and an outdated one are removed by save().
    for (const name of names.filter((f) => f.endsWith(".seg")).sort()) {
      const opened = openSegment(this.dir, name, CACHE_FORMAT);
      if (!opened) {
        this.damaged.push(name);
        continue;
      }
      if (opened.format !== CACHE_FORMAT || opened.version !== this.version) {
        this.outdated.push(opened.segment);
        continue;
      }
      this.segments.push(opened.segment);
      for (const entry of opened.entries) if (entry.sizes.length === PARTS) this.locations.set(entry.key, entry);
    }
    removeAbandoned(this.dir, names);
  }

  /**
   * The parsed message: from the cache, or from `parse`, which gives its parts as stored (what
   * parsing reported in its head; should it fail, it reports to the sink itself and throws).
   */
  async get(raw: RawMessage, options: ArchiveOptions, sink: DiagnosticSink, parse: () => Promise<MessageParts>): Promise<Cached> {
    const key = createHash("sha1")
      .update(raw.bytes)
      .update(JSON.stringify([raw.format, raw.envelope, options.fallbackCharset, options.knownTags, options.privacy]))
      .digest("base64url");
    this.used.add(key);
    const cached = this.stored(key);
    if (cached) return this.known(key, cached, raw.locator, sink);
    const parts = await parse();
    this.counts.parsed++;
    const stored = readHead(partOf(parts, HEAD));
    if (!stored) throw new Error("internal error: a parsed message's head does not read back");
    if (!this.locations.has(key)) this.append(key, parts);
    return replayed(key, stored, raw.locator, sink);
  }

  /**
   * A message taken from the cache (its head read by stored(), or the read snapshot's; its key
   * marked used by get(), or usedAll()): what parsing reported is replayed.
   */
  known(key: string, stored: StoredHead, locator: SourceLocator, sink: DiagnosticSink): Cached {
    this.counts.hits++;
    return replayed(key, stored, locator, sink);
  }

  /** Marks the keys of messages taken with known() but not through get() (a file the read snapshot knows) used by this build. */
  usedAll(messages: readonly { key: string }[]): void {
    this.usedLists.push(messages);
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
    const at = this.textAt(key);
    return at && readStoredText(at);
  }

  /** The body as HTML of a message this build got from get(). */
  bodyHtml(key: string): string | undefined {
    const at = this.htmlAt(key);
    return at && readStoredText(at);
  }

  /** Where the search words of a message this build got from get() lie, for another thread to read (file descriptors are the process's). */
  textAt(key: string): StoredText | undefined {
    return this.textPartAt(key, TEXT);
  }

  /** Where the counts of its search words lie (search/doc-terms.ts), for another thread to read. */
  termsAt(key: string): StoredText | undefined {
    return this.textPartAt(key, TERMS);
  }

  /** Where its body as HTML lies, for another thread to read. */
  htmlAt(key: string): StoredText | undefined {
    return this.textPartAt(key, HTML);
  }

  private textPartAt(key: string, part: number): StoredText | undefined {
    const at = this.locations.get(key);
    if (!at) return undefined;
    // Still in this build's write buffer (save() failed): the text itself.
    if (at.sizes[part] === 0 || (this.fresh && at.segment === this.fresh.segment)) return { text: this.part(at, part).toString("utf8") };
    const { offset, length } = span(at, part);
    return { fd: at.segment.fd, offset, length };
  }

  /** Whether the cache holds the message of `key` (its head, body and words). */
  has(key: string): boolean {
    return this.locations.has(key);
  }

  /**
   * The names of the segments save() left, every key this build used in one of them; null before
   * save(), or when it failed. Segments are written once, under names never used again.
   */
  savedSegments(): string[] | null {
    return this.saved && [...this.saved];
  }

  /** Whether each of `names` is a segment of this cache (of this parsing code), as it was saved: then it holds every key it did. */
  holdsSegments(names: readonly string[]): boolean {
    const here = new Set(this.segments.map((segment) => segment.name));
    return names.every((name) => here.has(name));
  }

  /** A stored head, or null when there is none or it does not read back (then the message is parsed again). */
  stored(key: string): StoredHead | null {
    const at = this.locations.get(key);
    if (!at) return null;
    const head = readHead(this.part(at, HEAD));
    if (!head) this.locations.delete(key);
    return head;
  }

  /**
   * The stored heads of `keys`, as stored() gives each (null for a key not in the cache, or whose
   * head does not read back), read in few large reads (readSpans): a file's messages lie one after
   * the other in a segment, and a rebuild would otherwise make a read per message.
   */
  storedAll(keys: readonly string[]): (StoredHead | null)[] {
    const out: (StoredHead | null)[] = keys.map(() => null);
    const bySegment = new Map<Segment, number[]>();
    for (const [i, key] of keys.entries()) {
      const at = this.locations.get(key);
      if (!at) continue;
      if (this.fresh && at.segment === this.fresh.segment) out[i] = this.stored(key);
      else (bySegment.get(at.segment) ?? bySegment.set(at.segment, []).get(at.segment)!).push(i);
    }
    for (const [segment, asked] of bySegment) {
      const heads = readSpans(segment.fd, asked.map((i) => span(this.locations.get(keys[i]!)!, HEAD)));
      for (const [k, i] of asked.entries()) {
        const head = heads[k]!.length === 0 ? null : readHead(heads[k]!);
        if (!head) this.locations.delete(keys[i]!);
        out[i] = head;
      }
    }
    return out;
  }

  private bodyPart(key: string): ReturnType<typeof readBody> | undefined {
    const at = this.locations.get(key);
    return at && readBody(deserialize(this.part(at, BODY)) as StoredBody);
  }

  /** Part `i` of an entry; the whole entry, its parts one after the other, when `i` is left out. */
  private part(at: Location, i?: number): Buffer {
    return this.fresh && at.segment === this.fresh.segment ? this.fresh.read(at, i) : readEntry(at.segment.fd, at, i);
  }

  private append(key: string, parts: MessageParts): void {
    this.fresh ??= new SegmentWriter(this.dir, PARTS);
    const at: Location = { key, sizes: parts.sizes, firstAt: -1, restAt: -1, segment: this.fresh.segment };
    this.fresh.append(at, parts.bytes);
    this.locations.set(key, at);
  }

  /**
   * Finishes this build's segment; packs the segments into one with what this build used when
   * there are too many. Entries stay readable until close(). Never throws: a cache is optional.
   */
  save(): void {
    try {
      if (this.fresh) this.finishSegment();
      else if (!this.temporary) {
        mkdirSync(this.dir, { recursive: true });
        utimesSync(this.dir, new Date(), new Date());
      }
      if (this.temporary) return;
      // Segments of another parsing code are of no use to this one: a million messages' are some 5 GB.
      for (const s of this.outdated.splice(0)) {
        this.retired.push(s);
        unlinkSync(join(this.dir, s.name));
      }
      for (const name of this.damaged.splice(0)) rmSync(join(this.dir, name), { force: true });
      if (this.segments.length > MAX_SEGMENTS) this.pack();
      this.saved = this.segments.map((segment) => segment.name);
      pruneLists(join(this.dir, ".."));
    } catch {
      // an unwritable cache only costs the next build time
    }
  }

  private finishSegment(): void {
    this.fresh!.finish(CACHE_FORMAT, this.version);
    this.segments.push(this.fresh!.segment);
    this.fresh = null;
  }

  /** Packs segments into one with the entries this build used (cache-upkeep.ts says which); those packed are unlinked (still readable until closed). */
  private pack(): void {
    for (const list of this.usedLists.splice(0)) for (const { key } of list) this.used.add(key);
    const usedBytes = new Map<Segment, number>(this.segments.map((s) => [s, 0]));
    for (const key of this.used) {
      const at = this.locations.get(key);
      if (!at) continue;
      let bytes = 0;
      for (let i = 0; i < at.sizes.length; i++) bytes += at.sizes[i]!;
      usedBytes.set(at.segment, usedBytes.get(at.segment)! + bytes);
    }
    const left = segmentsLeftAsTheyAre(this.segments, (s) => usedBytes.get(s)!, (s) => fstatSync(s.fd).size);
    const packed = this.segments.filter((s) => !left.has(s));
    this.segments.splice(0, this.segments.length, ...this.segments.filter((s) => left.has(s)));
    this.retired.push(...packed);
    const packing = new Set(packed);
    for (const key of [...this.used].sort()) {
      const at = this.locations.get(key);
      if (!at || !packing.has(at.segment)) continue;
      this.append(key, { bytes: this.part(at), sizes: Array.from(at.sizes) });
    }
    if (this.fresh) this.finishSegment();
    for (const s of packed) unlinkSync(join(this.dir, s.name));
  }

  /** Closes the segment files; a temporary cache is removed. */
  close(): void {
    for (const s of [...this.segments.splice(0), ...this.outdated.splice(0), ...this.retired.splice(0)]) closeSync(s.fd);
    if (this.fresh) closeSync(this.fresh.segment.fd);
    this.fresh = null;
    if (this.temporary) {
      rmSync(this.dir, { recursive: true, force: true });
      temporaryDirs.delete(this.dir);
    }
  }
}

/**
 * A stored head placed at `locator`, with what parsing reported replayed to `sink`. The head is
 * the one read back for this message alone: it is given its place, not copied.
 */
function replayed(key: string, stored: StoredHead, locator: SourceLocator, sink: DiagnosticSink): Cached {
  for (const [severity, code, message] of stored.reports) sink.report(severity, code, message);
  const head = stored.message as MessageHead;
  head.locator = locator;
  return { head, key, stored };
}

/** Temporary caches of this process, removed at exit should a build stop before close(). */
const temporaryDirs = new Set<string>();
process.once("exit", () => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A hash of the code that makes what the cache holds of a message (parseToParts: every module it
 * imports, and the packages they load) and of the cache's format: a change to any empties the
 * cache, one elsewhere (pages, threading) does not. How files are split into messages is not in
 * it: what a reader makes of a message, its bytes and envelope, is in the message's key.
 */
export function parseVersion(): string {
  return closureVersion(["src/archive/archived-message.ts"], { cacheFormat: CACHE_FORMAT });
}

/** The default cache folder: `.cache/` in the project. */
export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, ".cache");
