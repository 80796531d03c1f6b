// The output folder: every file the archive writes goes through here. Files are written in place
// (never a wholesale delete), a file whose key (a hash of everything it is made from) matches the
// previous build's is left alone, and files the previous build wrote that this one did not are removed.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { writeClaimedFile, type Claim, type FileContent } from "./claimed-file.ts";
import { JOURNAL_PATH, MANIFEST_PATH, readJournal, saveChanges, saveManifest, type Manifest } from "./manifest.ts";
import { FileTable, nameOf, pathOf } from "./file-table.ts";
import { normalise, OutputPaths } from "./output-paths.ts";
import { readPreviousFiles } from "./previous-files.ts";
import { appendFrom, joined, LINE_INDEX_PATH, readLineIndex, saveLineIndex, sharedLines, sizeOf, type LineFile } from "./line-files.ts";

/** Key of a file that is always written (the build report) or written by Eleventy: tracked only for removal. */
export const EXTERNAL = "-";

/**
 * Fault injection for tests/unit/incremental-build.test.ts: the build kills itself with SIGKILL
 * after this many files, as a machine losing power would stop it. Unset in real builds.
 */
const CRASH_AFTER_WRITES = Number(process.env.LISTARCHIVE_CRASH_AFTER_WRITES) || -1;

export interface WriteCounts {
  written: number;
  unchanged: number;
  removed: number;
}

export class OutputWriter {
  readonly root: string;
  private readonly paths: OutputPaths;
  /** The previous build's files and this build's: null until the previous build's manifest is read (opened()). */
  private files_: FileTable | null = null;
  /**
   * The paths whose files are not as the manifest last written whole lists them: those the changes
   * since named, and those this build changes (written with another key, added, removed). null when
   * the manifest is to be written whole: there is none of this kind, a build was killed, or more
   * than an eighth of its files changed.
   */
  private changes: { base: string; paths: Set<string>; limit: number } | null = null;
  private completed = 0;
  readonly counts: WriteCounts = { written: 0, unchanged: 0, removed: 0 };

  private journal: number | null = null;
  /** Journal lines not yet on disk: written in one go just before the first of their files is. */
  private journalPending: string[] = [];
  /** The previous build's files found missing from the disk, once the check started in the constructor is done. */
  private missing: Set<string> | null = null;
  private readonly manifestRead: Promise<void>;
  /** The previous build's files of lines (read when the first is written), and this build's. */
  private previousLines: Map<string, LineFile> | null = null;
  private readonly currentLines = new Map<string, LineFile>();
  private readonly checked: Promise<void>;

  constructor(outputDir: string) {
    this.paths = new OutputPaths(outputDir);
    this.root = this.paths.root;
    // The journal is there from a build's start to the end of its finish(): every new path goes to
    // it before its file is written. Found here, it is a build killed halfway, whose files match no
    // key: everything is written again, and what it wrote at new paths is removed unless written.
    const killed = readJournal(join(this.root, JOURNAL_PATH));
    mkdirSync(join(this.root, dirname(JOURNAL_PATH)), { recursive: true });
    this.journal = openSync(join(this.root, JOURNAL_PATH), "w");
    // Should this build be killed too, the next still knows those files (those its manifest holds too are passed over then).
    if (killed !== null && killed.length > 0) writeSync(this.journal, killed.map((path) => `${JSON.stringify(path)}\n`).join(""));
    const previous = readPreviousFiles(join(this.root, MANIFEST_PATH), this.root, (path) => this.paths.resolved(path));
    const take = ({ paths, keys, base, changed, trusted }: Manifest) => {
      const files = new FileTable(paths, keys);
      // Nor are the files trusted when the changes since the manifest do not read: all written again.
      if (killed !== null || !trusted) files.distrustAll(EXTERNAL);
      for (const path of killed ?? []) files.listPrevious(path, EXTERNAL);
      this.files_ = files;
      if (base.id !== null && killed === null && trusted) this.changes = { base: base.id, paths: new Set(changed), limit: base.count / 8 };
    };
    const manifest = previous.manifest;
    if (!(manifest instanceof Promise)) take(manifest);
    this.manifestRead = manifest instanceof Promise ? manifest.then(take) : Promise.resolve();
    this.checked = this.manifestRead.then(async () => {
      this.missing = await previous.missing;
    });
  }

  /** The previous build's files and this build's (see opened()). */
  private get files(): FileTable {
    if (this.files_ === null) throw new Error("internal error: the output folder's manifest is still being read: await opened() first");
    return this.files_;
  }

  /** Resolves once the previous build's manifest is read: call before writing or keeping any file. */
  opened(): Promise<void> {
    return this.manifestRead;
  }

  /** Resolves once the check of the previous build's files is done too (keep() is exact before, only slower). */
  ready(): Promise<void> {
    return this.checked;
  }

  /** The previous build's files below `prefix` that are still on disk, path → key (call after ready()). */
  previousFiles(prefix: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [path, key] of this.files.notMade()) {
      if (path.startsWith(prefix) && key !== EXTERNAL && this.stillThere(path)) out.set(path, key);
    }
    return out;
  }

  /** The text of a file the previous build wrote and that is still on disk, before this build writes it; null otherwise. */
  readPrevious(path: string): string | null {
    const key = this.files.previousKey(nameOf(path));
    if (key === undefined || key === EXTERNAL || !this.stillThere(path)) return null;
    try {
      return readFileSync(this.paths.targetOf(path), "utf8");
    } catch {
      return null;
    }
  }

  /** Whether a file of the previous build is still on disk; false for a path outside the output, never followed. */
  private stillThere(path: string): boolean {
    return this.paths.isBelow(path) && this.onDisk(path);
  }

  /** Whether a file of the previous build below the output is still on disk. */
  private onDisk(path: string): boolean {
    return this.missing ? !this.missing.has(path) : existsSync(this.paths.resolved(path));
  }

  /** Whether the previous build wrote `urlPath` with this key (and the file is still there): then it is kept as is. */
  keep(urlPath: string, key: string): boolean {
    const path = normalise(urlPath);
    this.paths.mustBeBelow(path);
    return this.keepNamed(nameOf(path), key);
  }

  /**
   * keep() for the page at `url` (a site-relative URL ending in `/`: its file is `index.html` in
   * that folder), looked up by the URL itself (OutputPaths.pageName): a call per page of every
   * rebuild. `key` null: kept under whatever key the previous build gave it. `sameAs`: a previous
   * key that says the file is as `key` would make it too (it is kept, under `key`).
   */
  keepPage(url: string, key: string | null, sameAs?: string): boolean {
    return this.keepNamed(this.paths.pageName(url), key, sameAs);
  }

  /** The previous build's key of the page at `url` (as keepPage), unless this build made it already. */
  previousPageKey(url: string): string | undefined {
    return this.files.previousKey(this.paths.pageName(url));
  }

  /** keep() of the file named `name` (nameOf), its path checked to be below the output; `key` and `sameAs` as keepPage's. */
  private keepNamed(name: string, key: string | null, sameAs?: string): boolean {
    const previous = this.files.previousKey(name);
    if (previous === undefined || previous === EXTERNAL || (key !== null && previous !== key && previous !== sameAs)) return false;
    // No string is made for a page's path unless some previous file is missing.
    if (this.missing?.size !== 0 && !this.onDisk(pathOf(name))) return false;
    if (this.files.make(name, key ?? previous)) this.changed(pathOf(name));
    this.counts.unchanged++;
    return true;
  }

  /** Writes `content` at `urlPath` unless the previous build wrote the same key there (or this one did already). */
  write(urlPath: string, content: FileContent, key: string): void {
    const claimed = this.claim(urlPath, key);
    if (claimed === null) return;
    this.writeJournal();
    writeClaimedFile(claimed.target, content, claimed.replaces);
    this.written(1);
  }

  /**
   * Writes a file of lines at `urlPath` whose line i is made of something with digest `digests[i]`
   * by code `version` (`lines(from)` gives the lines from `from` on, each ending in a newline).
   * When the previous build wrote the file by the same code and it is still as it left it, its
   * lines up to the first whose digest differs stay in place and only the rest is written
   * (truncated there, then appended to).
   */
  writeLines(urlPath: string, key: string, version: string, digests: readonly string[], lines: (from: number) => string[]): void {
    const path = normalise(urlPath);
    this.previousLines ??= readLineIndex(join(this.root, LINE_INDEX_PATH));
    const before = this.previousLines.get(path);
    const previousKey = this.files.previousKey(nameOf(path));
    if (this.keep(path, key)) {
      if (before?.key === key) this.currentLines.set(path, before);
      return;
    }
    const claimed = this.claim(path, key);
    if (claimed === null) return;
    const target = claimed.target;
    this.writeJournal();
    // Its lines are kept only if it is the file the last build wrote, by the same code, at the length it left it.
    let from = before && before.key === previousKey && before.version === version && sizeOf(target) === before.lengths.reduce((a, b) => a + b, 0) ? sharedLines(before.digests, digests) : 0;
    let added = lines(from);
    if (from > 0 && !appendFrom(target, before!.lengths, from, added)) added = lines((from = 0));
    if (from === 0) writeClaimedFile(target, joined(added), claimed.replaces);
    const lengths = [...(before?.lengths.slice(0, from) ?? []), ...added.map((line) => Buffer.byteLength(line))];
    if (lengths.length !== digests.length) throw new Error(`internal error: ${added.length} lines from ${from} of ${digests.length} in ${path}`);
    this.currentLines.set(path, { key, version, digests: [...digests], lengths });
    this.written(1);
  }

  /**
   * Takes `urlPath` for this build: returns the absolute path its file is to be written at, and
   * whether the previous build's file is there to be written over (writeClaimedFile), or null when
   * there is nothing to write (the previous build's file has the same key, or this build wrote it
   * already with the same key). write() writes the file itself; a caller writing it on another
   * thread calls writeJournal() before it starts, and written() once it is done.
   */
  claim(urlPath: string, key: string): Claim | null {
    const path = normalise(urlPath);
    const name = nameOf(path);
    const already = this.files.currentKey(name);
    if (already !== undefined) {
      // The same attachment in two messages is one file; two different files on one path are a bug.
      if (already === key && key !== EXTERNAL) return null;
      throw new Error(`internal error: two different files of this build have the path ${JSON.stringify(path)}`);
    }
    const target = this.paths.targetOf(path);
    if (this.keepNamed(name, key)) return null;
    const before = this.files.previousKey(name) !== undefined;
    if (!before && this.journal !== null) this.journalPending.push(`${JSON.stringify(path)}\n`);
    const replaces = before && this.onDisk(path);
    this.settle(path, key, name);
    this.counts.written++;
    return { target, replaces };
  }

  /** Counts `n` files of claim() another thread wrote. */
  written(n: number): void {
    this.completed += n;
    if (CRASH_AFTER_WRITES >= 0 && this.completed >= CRASH_AFTER_WRITES) process.kill(process.pid, "SIGKILL");
  }

  /** Puts the pending journal lines on disk (one write for all the files claimed since the last). */
  writeJournal(): void {
    if (this.journalPending.length === 0 || this.journal === null) return;
    writeSync(this.journal, this.journalPending.join(""));
    this.journalPending = [];
  }

  /** Records a file another tool wrote (Eleventy's pages; a file path, not a URL), so it is removed once no build writes it. */
  track(filePath: string): void {
    this.settle(`/${filePath.replace(/^\/+/, "")}`, EXTERNAL);
  }

  /** A path this build made: what is left of the previous build's files at the end is what is stale. */
  private settle(path: string, key: string, name = nameOf(path)): void {
    if (this.files.make(name, key)) this.changed(path);
  }

  /** A path whose file is not as the previous build left it (see `changes`). */
  private changed(path: string): void {
    if (this.changes === null) return;
    this.changes.paths.add(path);
    if (this.changes.paths.size > this.changes.limit) this.changes = null;
  }

  /** How many files finish() will remove, given the paths still to be written. */
  staleCount(stillToWrite: readonly string[]): number {
    const coming = new Set(stillToWrite.map(normalise));
    let n = 0;
    for (const [path] of this.files.notMade()) if (!coming.has(path)) n++;
    return n;
  }

  /** Removes what the previous build wrote and this one did not (and folders left empty). */
  private removeStale(): void {
    for (const [path] of this.files.notMade()) {
      this.changed(path);
      let target: string;
      try {
        target = this.paths.targetOf(path);
      } catch {
        continue; // a manifest naming a path outside the output is ignored, never followed
      }
      try {
        unlinkSync(target);
        this.counts.removed++;
      } catch {
        continue;
      }
      for (let dir = dirname(target); dir.startsWith(this.root + sep); dir = dirname(dir)) {
        try {
          rmdirSync(dir);
        } catch {
          break; // not empty
        }
      }
    }
  }

  /**
   * Removes stale files and saves the manifest (or, when few files changed since it was written
   * whole, the changes beside it): call once, after every write. A build stopped
   * before this leaves its journal, so the next one trusts no key and rewrites all (see the constructor).
   */
  finish(): WriteCounts {
    this.removeStale();
    if (this.currentLines.size > 0 || this.previousLines?.size) saveLineIndex(join(this.root, LINE_INDEX_PATH), this.currentLines);
    const manifest = join(this.root, MANIFEST_PATH);
    const files = this.files;
    if (this.changes === null) saveManifest(manifest, files.current(), { order: files.paths, added: files.addedPaths() });
    else saveChanges(manifest, this.changes.base, new Map([...this.changes.paths].map((path) => [path, files.currentKey(nameOf(path)) ?? null])));
    if (this.journal !== null) closeSync(this.journal);
    this.journal = null;
    unlinkSync(join(this.root, JOURNAL_PATH));
    return this.counts;
  }
}
