// The previous build's files, as a build starts: its manifest (path → key of every file it wrote) and
// which of those files are gone from the disk (deleted by hand: written again even when their key
// matches). A small manifest is read here; a large one, and its files checked, on a thread of its
// own (previous-files-worker.js) while this one reads the archive: at 100k messages this was 0.8-1 s.
import { existsSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { noManifest, readManifest, type Manifest } from "./manifest.ts";
import { isPlain, type ManifestBase } from "./previous-build.js";

/** A manifest from this size on is read, and its files checked, on a thread of its own; a smaller one here. */
const MANIFEST_ON_WORKER = 128 << 10;

export interface PreviousFiles {
  /** The manifest's files and keys, with what it was made of (at once when it was read here); an unreadable manifest is none. */
  manifest: Manifest | Promise<Manifest>;
  /** Those of its files gone from the disk; null when they could not be checked (then each is checked when asked). */
  missing: Promise<Set<string> | null>;
}

/** `resolved`: the absolute path of a path below the output. */
export function readPreviousFiles(manifest: string, root: string, resolved: (path: string) => string): PreviousFiles {
  let size = 0;
  try {
    size = statSync(manifest).size;
  } catch {
    // no previous build here
  }
  if (size < MANIFEST_ON_WORKER) {
    const read = readManifest(manifest);
    return { manifest: read, missing: Promise.resolve(new Set(read.paths.filter((path) => !existsSync(resolved(path))))) };
  }
  const worker = new Worker(new URL("./previous-files-worker.js", import.meta.url), { workerData: { manifestPath: manifest, root }, execArgv: [] });
  let paths: string[] = [];
  const files = new Promise<Manifest>((done, fail) => {
    worker.once("message", (read: { paths: string; keys: string; count: number; base: ManifestBase; changed: string[]; trusted: boolean }) => {
      paths = read.count === 0 ? [] : read.paths.split("\0");
      done({ paths, keys: read.count === 0 ? [] : read.keys.split("\0"), base: read.base, changed: read.changed, trusted: read.trusted });
    });
    worker.once("error", fail);
  });
  const missing = files.then(
    () =>
      new Promise<Set<string> | null>((done) => {
        worker.once("message", ({ missing: gone }: { missing: number[] }) => {
          // The paths it left unchecked (that need resolving: none a build writes) are checked here.
          done(new Set([...gone.map((i) => paths[i]!), ...paths.filter((path) => !isPlain(path) && !existsSync(resolved(path)))]));
        });
        worker.once("error", () => done(null));
      }),
  );
  return { manifest: files.catch(noManifest), missing: missing.catch(() => null) };
}
