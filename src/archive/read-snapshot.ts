// What a build read of each archive file of a list, kept beside its parse cache: the file's facts,
// a hash of its bytes, and each message's place and cache key. The next build reads nothing of a
// file that is unchanged, and only the new end of an mbox that grew (an appended message is then
// read, hashed and parsed alone). Anything in doubt means the file is read whole, as before.
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { sameFile, type FileFacts, type ReadHooks, type Resume } from "../ingest/index.ts";
import type { ArchiveFormat, SourceLocator } from "../ingest/index.ts";
import type { ParseCache, StoredHead } from "./parse-cache.ts";

const SNAPSHOT_FILE = "files.v8";
/** The layout of the snapshot file: another one is ignored. */
const SNAPSHOT_FORMAT = 1;
/** Formats whose files can be read from a message's envelope line on. */
const RESUMABLE = new Set<ArchiveFormat>(["mbox", "pipermail"]);

interface FileRecord {
  facts: FileFacts;
  format: ArchiveFormat;
  gzip: boolean;
  /** sha1 of the file's bytes (plain files), to check a grown file's old part is as it was. */
  digest: string | null;
  /** Cache key and byte offset of each message, in file order. */
  keys: string[];
  offsets: number[];
}

interface Snapshot {
  format: number;
  /** What the keys depend on besides the bytes (parse options and code): another scope is ignored. */
  scope: string;
  files: [string, FileRecord][];
}

/** A message known from the previous build: its place and its head, read from the cache. */
export interface KnownMessage {
  key: string;
  locator: SourceLocator;
  stored: StoredHead;
}

export class ReadSnapshot implements ReadHooks<KnownMessage> {
  private readonly path: string;
  private readonly previous = new Map<string, FileRecord>();
  /** Files this build read to their end cleanly, with what a record needs but the messages. */
  private readonly done = new Map<string, Omit<FileRecord, "keys" | "offsets">>();
  /** Messages this build took, per file: key and offset by index; a file whose parse failed is left out. */
  private readonly messages = new Map<string, { keys: string[]; offsets: number[] } | null>();

  /**
   * The snapshot of the list read from `listDir` whose cache is `cache`; `scope` as in Snapshot.
   * `willRead` hears, before anything else is read of a file, how many of its bytes are new to the
   * snapshot (all of a file it does not know), so that parsing can get ready meanwhile.
   */
  constructor(private readonly cache: ParseCache, private readonly listDir: string, private readonly scope: string, private readonly willRead: (bytes: number) => void = () => {}) {
    this.path = join(cache.dir, SNAPSHOT_FILE);
    try {
      const stored = deserialize(readFileSync(this.path)) as Snapshot;
      if (stored?.format === SNAPSHOT_FORMAT && stored.scope === scope && Array.isArray(stored.files)) for (const [path, record] of stored.files) this.previous.set(path, record);
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
    // A file that changed is gone on from only if it grew at its end and its old bytes are as they were.
    if (!unchanged && (old.gzip || old.digest === null || !RESUMABLE.has(old.format) || facts.size < old.facts.size)) return null;
    const known: KnownMessage[] = [];
    const heads = this.cache.storedAll(old.keys);
    for (const [index, key] of old.keys.entries()) {
      const stored = heads[index]!;
      if (!stored) return null; // not in the cache (another parser version, a damaged segment): read it all
      known.push({ key, locator: { path, index, offset: old.offsets[index]! }, stored });
    }
    if (unchanged) {
      this.done.set(path, { facts, format: old.format, gzip: old.gzip, digest: old.digest });
      return { format: old.format, gzip: old.gzip, known, from: null };
    }
    // The last known message is read again: the bytes appended may continue it.
    const last = known.pop()!.locator;
    const file = join(this.listDir, path);
    const hash = createHash("sha1");
    try {
      hashRange(file, hash, 0, last.offset);
      const check = hash.copy();
      hashRange(file, check, last.offset, old.facts.size);
      if (check.digest("base64url") !== old.digest) return null;
    } catch {
      return null; // reading it whole reports what is wrong
    }
    return { format: old.format, gzip: false, known, from: { offset: last.offset, index: last.index, hash } };
  }

  read(path: string, facts: FileFacts, outcome: { format: ArchiveFormat; gzip: boolean; digest: string | null }): void {
    this.done.set(path, { facts, ...outcome });
  }

  /** A message of `locator` was taken with this key (from the cache or parsed); null: its parse failed. */
  took(locator: SourceLocator, key: string | null): void {
    let file = this.messages.get(locator.path);
    if (file === undefined) this.messages.set(locator.path, (file = { keys: [], offsets: [] }));
    if (file === null) return;
    if (key === null) {
      this.messages.set(locator.path, null);
      return;
    }
    file.keys[locator.index] = key;
    file.offsets[locator.index] = locator.offset;
  }

  /** Writes the snapshot of the files read whole and cleanly, every message of them taken. Never throws. */
  save(): void {
    const files: [string, FileRecord][] = [];
    for (const [path, record] of this.done) {
      const taken = this.messages.get(path);
      if (!taken || taken.keys.length === 0) continue;
      let whole = true;
      for (let i = 0; i < taken.keys.length && whole; i++) whole = taken.keys[i] !== undefined;
      if (whole) files.push([path, { ...record, ...taken }]);
    }
    try {
      writeFileSync(`${this.path}.tmp`, serialize({ format: SNAPSHOT_FORMAT, scope: this.scope, files } satisfies Snapshot));
      renameSync(`${this.path}.tmp`, this.path);
    } catch {
      // an unwritable cache only costs the next build time
    }
  }
}

/** Adds bytes [start, end) of a file to `hash`. */
function hashRange(file: string, hash: Hash, start: number, end: number): void {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let at = start; at < end; ) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) throw new Error("the file is shorter than it was");
      hash.update(buffer.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
