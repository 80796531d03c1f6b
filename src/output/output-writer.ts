// The output folder: every file the archive writes goes through here. Files are written in place
// (never a wholesale delete), a file whose key (a hash of everything it is made from) matches the
// previous build's is left alone, and files the previous build wrote that this one did not are removed.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { Worker } from "node:worker_threads";
import { writeClaimedFile, type FileContent } from "./claimed-file.ts";
import { JOURNAL_PATH, MANIFEST_PATH, readJournal, readManifest, saveManifest } from "./manifest.ts";

/** Previous files from which on the check for missing ones runs on worker threads (below, on this one). */
const CHECK_ON_WORKER = 2000;
/**
 * Threads the check is shared among when the files' inodes are not in memory (a rebuild the next
 * day, after the machine's cache went to other work): each check then waits on the disk, and
 * several at once wait together: 179,890 files took 13.9 s on one thread, 4.7 s on 8 and 3.4 s on
 * 16 here. With the inodes in memory one thread checks them in a few hundred milliseconds, and
 * each more thread would cost more to start (some 75 ms of CPU) than it saves.
 */
const CHECKERS = 16;
/** Paths checked first on this thread, evenly spread, to tell the two cases apart. */
const PROBES = 64;
/** A probe slower than this on average (in milliseconds) has waited on the disk. */
const COLD_PROBE_MS = 0.05;
/** A checker: the indexes of its paths that do not exist. Plain JavaScript, started without this process's loader (tsx). */
const FIND_MISSING = `const { existsSync } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const gone = [];
for (let i = 0; i < workerData.length; i++) if (!existsSync(workerData[i])) gone.push(i);
parentPort.postMessage(gone);`;
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
  private readonly previous: Map<string, string>;
  private readonly current = new Map<string, string>();
  private completed = 0;
  readonly counts: WriteCounts = { written: 0, unchanged: 0, removed: 0 };

  private journal: number | null = null;
  /** Journal lines not yet on disk: written in one go just before the first of their files is. */
  private journalPending: string[] = [];
  /** The previous build's files found missing from the disk, once the check started in the constructor is done. */
  private missing: Set<string> | null = null;
  private readonly checked: Promise<void>;

  constructor(outputDir: string) {
    this.root = resolve(outputDir);
    this.previous = readManifest(join(this.root, MANIFEST_PATH));
    // The journal is there from a build's start to the end of its finish(): every new path goes to
    // it before its file is written. Found here, it is a build killed halfway, whose files match no
    // key: everything is written again, and what it wrote at new paths is removed unless written.
    const killed = readJournal(join(this.root, JOURNAL_PATH));
    const carried = (killed ?? []).filter((path) => !this.previous.has(path));
    if (killed !== null) for (const path of [...this.previous.keys(), ...carried]) this.previous.set(path, EXTERNAL);
    mkdirSync(join(this.root, dirname(JOURNAL_PATH)), { recursive: true });
    this.journal = openSync(join(this.root, JOURNAL_PATH), "w");
    // Should this build be killed too, the next still knows those files.
    if (carried.length > 0) writeSync(this.journal, carried.map((path) => `${JSON.stringify(path)}\n`).join(""));
    this.checked = this.findMissing();
  }

  /**
   * Which files of the previous build are gone from the disk (deleted by hand): those are written
   * again even when their key matches. Checked on worker threads, while the build reads and parses.
   */
  private async findMissing(): Promise<void> {
    const paths = [...this.previous.keys()];
    // Resolved only: a path a manifest names outside the output is checked, never written (keep() refuses it).
    const targets = paths.map((p) => this.resolved(p));
    if (paths.length < CHECK_ON_WORKER) {
      this.missing = new Set(paths.filter((_, i) => !existsSync(targets[i]!)));
      return;
    }
    // Path i goes to checker i % n, so that each has its share of every folder.
    const n = this.inodesCached(targets) ? 1 : Math.min(CHECKERS, Math.ceil(paths.length / CHECK_ON_WORKER));
    const shares: string[][] = Array.from({ length: n }, () => []);
    for (const [i, target] of targets.entries()) shares[i % n]!.push(target);
    try {
      const gone = await Promise.all(
        shares.map((share, j) => new Promise<number[]>((done, fail) => {
          const worker = new Worker(FIND_MISSING, { eval: true, workerData: share, execArgv: [] });
          worker.once("message", (found: number[]) => done(found.map((k) => k * n + j)));
          worker.once("error", fail);
        })),
      );
      this.missing = new Set(gone.flat().map((i) => paths[i]!));
    } catch {
      this.missing = null; // keep() checks each file itself
    }
  }

  /** Whether the files' inodes seem to be in memory: a few of them, evenly spread, are checked fast. */
  private inodesCached(targets: readonly string[]): boolean {
    const step = Math.max(1, Math.floor(targets.length / PROBES));
    const started = performance.now();
    let probes = 0;
    for (let i = 0; i < targets.length; i += step, probes++) existsSync(targets[i]!);
    return (performance.now() - started) / probes < COLD_PROBE_MS;
  }

  /** Resolves once the check of the previous build's files is done (keep() is exact before too, only slower). */
  ready(): Promise<void> {
    return this.checked;
  }

  /** The previous build's files below `prefix` that are still on disk, path → key (call after ready()). */
  previousFiles(prefix: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [path, key] of this.previous) {
      if (path.startsWith(prefix) && key !== EXTERNAL && this.stillThere(path)) out.set(path, key);
    }
    return out;
  }

  /** The text of a file the previous build wrote and that is still on disk, before this build writes it; null otherwise. */
  readPrevious(path: string): string | null {
    const key = this.previous.get(path);
    if (key === undefined || key === EXTERNAL || !this.stillThere(path)) return null;
    try {
      return readFileSync(this.targetOf(path), "utf8");
    } catch {
      return null;
    }
  }

  /** Whether a file of the previous build is still on disk; false for a path outside the output, never followed. */
  private stillThere(path: string, target?: string): boolean {
    try {
      target ??= this.targetOf(path);
    } catch {
      return false;
    }
    return this.missing ? !this.missing.has(path) : existsSync(target);
  }

  /** The absolute path of a file path below the output (as `normalise` gives); refuses to leave the output folder. */
  private targetOf(path: string): string {
    const target = this.resolved(path);
    if (!target.startsWith(this.root + sep)) throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
    return target;
  }

  /** The absolute path a file path names, inside the output or not; the common case without path.resolve (a call per page, 1.6 million at a million messages). */
  private resolved(path: string): string {
    return this.root !== sep && isPlain(path) ? this.root + path : resolve(this.root, path.replace(/^\/+/, ""));
  }

  /** Whether the previous build wrote `urlPath` with this key (and the file is still there): then it is kept as is. */
  keep(urlPath: string, key: string): boolean {
    const path = normalise(urlPath);
    const target = this.targetOf(path); // throws for a path outside the output
    if (key === EXTERNAL || this.previous.get(path) !== key || !this.stillThere(path, target)) return false;
    this.settle(path, key);
    this.counts.unchanged++;
    return true;
  }

  /** Writes `content` at `urlPath` unless the previous build wrote the same key there (or this one did already). */
  write(urlPath: string, content: FileContent, key: string): void {
    const target = this.claim(urlPath, key);
    if (target === null) return;
    this.writeJournal();
    writeClaimedFile(target, content);
    this.written(1);
  }

  /**
   * Takes `urlPath` for this build: returns the absolute path its file is to be written at, or
   * null when there is nothing to write (the previous build's file has the same key, or this build
   * wrote it already with the same key). write() writes the file itself; a caller writing it on
   * another thread calls writeJournal() before it starts, and written() once it is done.
   */
  claim(urlPath: string, key: string): string | null {
    const path = normalise(urlPath);
    const already = this.current.get(path);
    if (already !== undefined) {
      // The same attachment in two messages is one file; two different files on one path are a bug.
      if (already === key && key !== EXTERNAL) return null;
      throw new Error(`internal error: two different files of this build have the path ${JSON.stringify(path)}`);
    }
    if (this.keep(path, key)) return null;
    const target = this.targetOf(path);
    if (!this.previous.has(path) && this.journal !== null) this.journalPending.push(`${JSON.stringify(path)}\n`);
    this.settle(path, key);
    this.counts.written++;
    return target;
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

  /**
   * A path this build made: it moves from the previous build's files to this one's, so the two
   * maps hold each path once (1.6 million paths and keys at a million messages), and what is left
   * of the previous build's at the end is what is stale.
   */
  private settle(path: string, key: string): void {
    this.current.set(path, key);
    this.previous.delete(path);
  }

  /** How many files finish() will remove, given the paths still to be written. */
  staleCount(stillToWrite: readonly string[]): number {
    const coming = new Set(stillToWrite.map(normalise));
    let n = 0;
    for (const path of this.previous.keys()) if (!coming.has(path)) n++;
    return n;
  }

  /** Removes what the previous build wrote and this one did not (and folders left empty). */
  private removeStale(): void {
    for (const path of this.previous.keys()) {
      let target: string;
      try {
        target = this.targetOf(path);
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
   * Removes stale files and saves the manifest: call once, after every write. A build stopped
   * before this leaves its journal, so the next one trusts no key and rewrites all (see the constructor).
   */
  finish(): WriteCounts {
    this.removeStale();
    saveManifest(join(this.root, MANIFEST_PATH), this.current);
    if (this.journal !== null) closeSync(this.journal);
    this.journal = null;
    unlinkSync(join(this.root, JOURNAL_PATH));
    return this.counts;
  }
}

/** Whether a path below the output has no "." or ".." segment (nor dot file), no empty segment and no trailing slash: then the output folder and it make its file path as they are. */
function isPlain(path: string): boolean {
  return path.startsWith("/") && !path.includes("/.") && !path.includes("//") && !path.endsWith("/");
}

/** The file path of a site-relative URL path: leading slash, percent-decoded once. */
function normalise(urlPath: string): string {
  if (urlPath.startsWith("/") && !urlPath.startsWith("//") && !urlPath.includes("%")) return urlPath;
  return `/${decodeURIComponent(urlPath).replace(/^\/+/, "")}`;
}
