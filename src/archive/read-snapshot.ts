// What a build read of each archive file of a list, kept beside its parse cache: the file's facts,
// a CRC-32 of its bytes, and each message's place, cache key and head (as columns, head-columns.ts).
// The next build reads nothing of a file that is unchanged, and only the new end of an mbox that
// grew (an appended message is then read, hashed and parsed alone, while the old bytes are checked);
// the heads of the messages it knows come from the snapshot, not the parse cache. Anything in doubt
// means the file is read whole.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { Worker } from "node:worker_threads";
import type { StringPool } from "../indexes/string-pool.ts";
import { codeVersion } from "./code-version.ts";
import { appendHeads, encodeHeads, headCount, headReader, type HeadColumns } from "./head-columns.ts";
import { fileCrc32, sameFile, type FileDigest, type FileFacts, type ReadHooks, type Resume } from "../ingest/index.ts";
import type { ArchiveFormat, SourceLocator } from "../ingest/index.ts";
import type { ParseCache, StoredHead } from "./parse-cache.ts";

const SNAPSHOT_FILE = "files.v8";
/** The code that writes and reads the snapshot file (its layout, the digest of a file): a snapshot another one wrote is ignored. */
const LAYOUT = codeVersion(["src/archive/read-snapshot.ts", "src/archive/head-columns.ts", "src/ingest/resume.ts", "src/ingest/crc32.js"]);
/** Formats whose files can be read from a message's envelope line on. */
const RESUMABLE = new Set<ArchiveFormat>(["mbox", "pipermail"]);

interface FileRecord {
  facts: FileFacts;
  format: ArchiveFormat;
  gzip: boolean;
  /** Of the bytes read of the file (plain files), to check a grown file's old part is as it was. */
  digest: FileDigest | null;
  /** Cache key, byte offset and stored head of each message, in file order. */
  keys: string[];
  offsets: number[];
  heads: HeadColumns;
}

interface Snapshot {
  layout: string;
  /** What the keys depend on besides the bytes (parse options and code): another scope is ignored. */
  scope: string;
  /** The parse cache's segments when it was saved, every key below in one of them (ParseCache.savedSegments); null: not known. */
  segments: string[] | null;
  files: [string, FileRecord][];
}

/** A message known from the previous build: its place, and its file's heads (from the snapshot, or read from the cache). */
export interface KnownMessage {
  key: string;
  locator: SourceLocator;
  heads: KnownHeads;
}

export interface KnownHeads {
  /** The head of the file's message `index`; from the snapshot, made when first asked for. */
  at(index: number): StoredHead;
  /** Its strings are as the list's pool would have them already (made from the snapshot's columns: see pooledStrings there). */
  pooled: boolean;
}

export class ReadSnapshot implements ReadHooks<KnownMessage> {
  private readonly path: string;
  private readonly previous = new Map<string, FileRecord>();
  /** Files this build read to their end cleanly, with what a record needs but the messages. */
  private readonly done = new Map<string, Omit<FileRecord, "keys" | "offsets" | "heads">>();
  /** Messages this build took, per file: key, offset and head by index; a file whose parse failed is left out. */
  private readonly messages = new Map<string, { keys: string[]; offsets: number[]; heads: StoredHead[] } | null>();
  /** Files whose first messages' heads came from the previous snapshot's columns: those, and how many. */
  private readonly reused = new Map<string, { columns: HeadColumns; count: number }>();
  /** Grown files, and whether their old bytes were found as they were (undefined: not checked yet). */
  private readonly grown = new Map<string, { same?: boolean }>();
  /**
   * Whether every key the snapshot names is in the parse cache, as the segments it was saved with
   * are all there: then none is looked up (at 100k messages, 0.15-0.25 s of a rebuild).
   */
  private keysCached = false;

  /**
   * The snapshot of the list read from `listDir` whose cache is `cache`; `scope` as in Snapshot.
   * `willRead` hears, before anything else is read of a file, how many of its bytes are new to the
   * snapshot (all of a file it does not know), so that parsing can get ready meanwhile. Heads made
   * from the snapshot take their strings from `strings`, the list's pool.
   */
  constructor(
    private readonly cache: ParseCache,
    private readonly listDir: string,
    private readonly scope: string,
    private readonly strings: StringPool,
    private readonly willRead: (bytes: number) => void = () => {},
  ) {
    this.path = join(cache.dir, SNAPSHOT_FILE);
    try {
      const stored = deserialize(readFileSync(this.path)) as Snapshot;
      if (stored?.layout === LAYOUT && stored.scope === scope && Array.isArray(stored.files)) {
        for (const [path, record] of stored.files) this.previous.set(path, record);
        this.keysCached = Array.isArray(stored.segments) && cache.holdsSegments(stored.segments);
      }
    } catch {
      // no snapshot yet, or an unreadable one: every file is read
    }
  }

  async resume(path: string, facts: FileFacts): Promise<Resume<KnownMessage> | null> {
    const old = this.previous.get(path);
    if (!old || old.keys.length === 0) {
      this.willRead(facts.size);
      return null;
    }
    const unchanged = sameFile(old.facts, facts);
    if (!unchanged) this.willRead(facts.size >= old.facts.size ? facts.size - old.facts.size : facts.size);
    // A file that changed is gone on from only if it grew at its end (its old bytes are checked while the list is read, and awaited before it goes on).
    const digest = old.digest;
    if (!unchanged && (old.gzip || !digest || !RESUMABLE.has(old.format) || facts.size < old.facts.size || facts.size < digest.bytes)) return null;
    const known: KnownMessage[] = [];
    // The heads from the snapshot (made as they are taken, while new mail after them is parsed); from the cache should its columns not read.
    const reader = headReader(old.heads, this.strings);
    const columns = reader && headCount(old.heads) === old.keys.length ? reader : null;
    const stored = columns ? null : this.cache.storedAll(old.keys);
    const heads: KnownHeads = columns ? { at: columns, pooled: true } : { at: (index) => stored![index]!, pooled: false };
    for (const [index, key] of old.keys.entries()) {
      // Not in the cache (another parser version, a damaged segment): read it all. Its body is read from there later.
      if (columns ? !(this.keysCached || this.cache.has(key)) : !stored![index]) return null;
      known.push({ key, locator: { path, index, offset: old.offsets[index]! }, heads });
    }
    if (unchanged) {
      this.done.set(path, { facts, format: old.format, gzip: old.gzip, digest: old.digest });
      if (columns) this.reused.set(path, { columns: old.heads, count: known.length });
      return { format: old.format, gzip: old.gzip, known, from: null, check: null };
    }
    // The last known message is read again: the bytes appended may continue it.
    const last = known.pop()!.locator;
    if (last.offset > digest!.bytes) return null;
    if (columns) this.reused.set(path, { columns: old.heads, count: known.length });
    const grown: { same?: boolean } = {};
    this.grown.set(path, grown);
    // Checked from now on (a large file on a thread of its own) while the new bytes are read and parsed.
    const check = sameBytes(join(this.listDir, path), digest!).then((same) => (grown.same = same));
    return { format: old.format, gzip: false, known, from: { offset: last.offset, index: last.index, digest: digest! }, check };
  }

  /** The build reads the list again from its start (a grown file's old bytes changed), `path` whole: what it took so far is dropped. */
  startOver(path: string): void {
    this.previous.delete(path);
    this.done.clear();
    this.messages.clear();
    this.reused.clear();
    this.grown.clear();
  }

  read(path: string, facts: FileFacts, outcome: { format: ArchiveFormat; gzip: boolean; digest: FileDigest | null; resumed: boolean }): void {
    this.done.set(path, { facts, format: outcome.format, gzip: outcome.gzip, digest: outcome.digest });
    // Read whole after all (its format was not the one known): nothing of it waits on the check,
    // and none of its heads came from the columns.
    if (!outcome.resumed) {
      this.grown.delete(path);
      this.reused.delete(path);
    }
  }

  /** A message of `locator` was taken with this key and head (from the snapshot, the cache or parsed); null: its parse failed. */
  took(locator: SourceLocator, taken: { key: string; head: StoredHead } | null): void {
    let file = this.messages.get(locator.path);
    if (file === undefined) this.messages.set(locator.path, (file = { keys: [], offsets: [], heads: [] }));
    if (file === null) return;
    if (taken === null) {
      this.messages.set(locator.path, null);
      return;
    }
    file.keys[locator.index] = taken.key;
    file.offsets[locator.index] = locator.offset;
    file.heads[locator.index] = taken.head;
  }

  /** Writes the snapshot of the files read whole and cleanly, every message of them taken. Never throws. */
  save(): void {
    try {
      const files: [string, FileRecord][] = [];
      for (const [path, record] of this.done) {
        const taken = this.messages.get(path);
        if (!taken || taken.keys.length === 0) continue;
        let whole = true;
        for (let i = 0; i < taken.keys.length && whole; i++) whole = taken.keys[i] !== undefined;
        if (!whole) continue;
        // A grown file only once its old bytes were found as they were.
        if (this.grown.has(path) && this.grown.get(path)!.same !== true) continue;
        // Heads that came from the columns keep them; only the others are made into columns.
        const reused = this.reused.get(path);
        const heads = reused && reused.count <= taken.heads.length ? appendHeads(reused.columns, reused.count, taken.heads.slice(reused.count)) : encodeHeads(taken.heads);
        files.push([path, { ...record, keys: taken.keys, offsets: taken.offsets, heads }]);
      }
      writeFileSync(`${this.path}.tmp`, serialize({ layout: LAYOUT, scope: this.scope, segments: this.cache.savedSegments(), files } satisfies Snapshot));
      renameSync(`${this.path}.tmp`, this.path);
    } catch {
      // an unwritable cache only costs the next build time
    }
  }
}

/**
 * Old parts at least this long are checked on a thread of their own (crc32-worker.js): at 2 GB/s
 * they would take this thread 30 ms or more, against some 20 ms of the other core's to start one.
 */
const CHECK_ON_WORKER = 64 << 20;

/**
 * Whether the file's first `digest.bytes` bytes are still those `digest` is of; false too when it
 * cannot be read. Here at once, or on a worker thread when long (`onWorker`).
 */
export async function sameBytes(file: string, digest: FileDigest, onWorker = digest.bytes >= CHECK_ON_WORKER): Promise<boolean> {
  const value = onWorker ? await crc32OnWorker(file, digest.bytes) : fileCrc32(file, digest.bytes);
  return value === digest.crc32;
}

/** fileCrc32 on a thread of its own; null when it fails (reading the file whole reports what is wrong). */
function crc32OnWorker(file: string, bytes: number): Promise<number | null> {
  return new Promise((done) => {
    const worker = new Worker(new URL("../ingest/crc32-worker.js", import.meta.url), { workerData: { file, bytes }, execArgv: [] });
    worker.once("message", (value: number | null) => done(value));
    worker.once("error", () => done(null));
    worker.once("exit", () => done(null));
  });
}
