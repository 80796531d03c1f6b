// The output folder's record of itself, in `.listarchive/`: the manifest (every file the last
// finished build wrote, with its key), the changes since it was last written whole, and the
// journal of paths a build has begun to write.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { CHANGES_VERSION, changesPathOf, MANIFEST_VERSION, readManifestFiles, type ManifestBase } from "./previous-build.js";

export type { ManifestBase } from "./previous-build.js";

/** The previous build's files and keys, inside the output so it goes wherever the output goes. */
export const MANIFEST_PATH = ".listarchive/files.json";
/** Paths a build has started writing that its manifest does not hold yet: read back after a crash. */
export const JOURNAL_PATH = ".listarchive/new-files.txt";
/** Entries serialised at once: at a million messages the whole text would be some 150 MB in one string. */
const SLICE = 8192;

/**
 * Written whole under a temporary name, then renamed: a manifest is never half written. Written a
 * slice at a time, paths in code-unit order (`known`: see sortedPaths), then its id (a hash of
 * them), which a file of changes since names. The changes file of the manifest before goes (one
 * left by a build killed in between names another id, and is not read).
 */
export function saveManifest(path: string, entries: Map<string, string>, known?: KnownOrder): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(`${path}.tmp`, "w");
  const id = createHash("sha1");
  const write = (text: string) => {
    writeSync(fd, text);
    id.update(text);
  };
  try {
    const paths = sortedPaths(entries, known);
    write(`{"version":${MANIFEST_VERSION},"files":[`);
    for (let i = 0; i < paths.length; i += SLICE) {
      const slice: string[] = [];
      for (const p of paths.slice(i, i + SLICE)) slice.push(p, entries.get(p)!);
      write(`${i > 0 ? "," : ""}${JSON.stringify(slice).slice(1, -1)}`);
    }
    writeSync(fd, `],"id":"${id.digest("base64url")}"}`);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
  rmSync(changesPathOf(path), { force: true });
}

/**
 * Saves the changes since the manifest at `path` (whose id is `base`) was written: each path whose
 * file is not as it lists, with its key now, or null when there is none. A rebuild changing a few
 * files of many writes those, not every path again (192k paths took 0.35 s and 20 MB each build).
 */
export function saveChanges(path: string, base: string, changes: Map<string, string | null>): void {
  const files: (string | null)[] = [];
  for (const p of [...changes.keys()].sort()) files.push(p, changes.get(p)!);
  const changesPath = changesPathOf(path);
  writeFileSync(`${changesPath}.tmp`, JSON.stringify({ version: CHANGES_VERSION, base, files }));
  renameSync(`${changesPath}.tmp`, changesPath);
}

/** What the last finished build left of itself. */
export interface Manifest {
  /** Its files and their keys (its manifest with the changes since applied), in the manifest's order; none when there is none or it does not read back. */
  paths: string[];
  keys: string[];
  /** The manifest last written whole. */
  base: ManifestBase;
  /** The paths the changes since name. */
  changed: string[];
  /** false: a changes file is there that does not read or names another manifest, so no file is known to be as listed. */
  trusted: boolean;
}

/** What is read when there is no manifest: no files, nothing to distrust. */
export const noManifest = (): Manifest => ({ paths: [], keys: [], base: { id: null, count: 0 }, changed: [], trusted: true });

/** The files of the last finished build (see Manifest). */
export function readManifest(path: string): Manifest {
  return readManifestFiles(path) ?? noManifest();
}

/** A manifest's files, path → key. */
export function listedFiles(manifest: Manifest): Map<string, string> {
  return new Map(manifest.paths.map((path, i) => [path, manifest.keys[i]!]));
}

/** The previous manifest's paths in its order, and the paths of the new one that it does not hold. */
export interface KnownOrder {
  order: readonly string[];
  added: readonly string[];
}

/**
 * The paths of `entries` in code-unit order. With `known`, those of the previous manifest keep its
 * order and the added ones, sorted, are merged in: a rebuild sorts a few paths, not every one
 * (150 ms at 180k paths). Sorted whole when `known` is not in order or does not account for every path.
 */
export function sortedPaths(entries: ReadonlyMap<string, string>, known?: KnownOrder): string[] {
  if (known) {
    const kept: string[] = [];
    let inOrder = true;
    for (let i = 0; i < known.order.length && inOrder; i++) {
      const p = known.order[i]!;
      inOrder = i === 0 || known.order[i - 1]! < p;
      if (entries.has(p)) kept.push(p);
    }
    if (inOrder && kept.length + known.added.length === entries.size) return merged(kept, [...known.added].sort());
  }
  return [...entries.keys()].sort();
}

/** Two ascending lists as one. */
function merged(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a as string[];
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** The paths in a killed build's journal; null when there is none (the last build finished). */
export function readJournal(path: string): string[] | null {
  try {
    return readFileSync(path, "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => {
        try {
          const p = JSON.parse(line) as unknown;
          return typeof p === "string" ? [p] : [];
        } catch {
          return []; // the last line of a killed build may be cut short
        }
      });
  } catch {
    return null;
  }
}
