// The output folder's record of itself, in `.listarchive/`: the manifest (every file the last
// finished build wrote, with its key) and the journal of paths a build has begun to write.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** The previous build's files and keys, inside the output so it goes wherever the output goes. */
export const MANIFEST_PATH = ".listarchive/files.json";
/** Paths a build has started writing that its manifest does not hold yet: read back after a crash. */
export const JOURNAL_PATH = ".listarchive/new-files.txt";
/** Version 2 holds `files` as a flat array, path then key: parsed three times as fast as an object of 180k names. */
const MANIFEST_VERSION = 2;
/** Entries serialised at once: at a million messages the whole text would be some 150 MB in one string. */
const SLICE = 8192;

/**
 * Written whole under a temporary name, then renamed: a manifest is never half written. Written a
 * slice at a time, paths in code-unit order.
 */
export function saveManifest(path: string, entries: Map<string, string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(`${path}.tmp`, "w");
  try {
    const paths = [...entries.keys()].sort();
    writeSync(fd, `{"version":${MANIFEST_VERSION},"files":[`);
    for (let i = 0; i < paths.length; i += SLICE) {
      const slice: string[] = [];
      for (const p of paths.slice(i, i + SLICE)) slice.push(p, entries.get(p)!);
      writeSync(fd, `${i > 0 ? "," : ""}${JSON.stringify(slice).slice(1, -1)}`);
    }
    writeSync(fd, "]}");
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
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

/** The files of the last finished build, path → key; empty when there is none or it does not read back. */
export function readManifest(path: string): Map<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown; files?: unknown };
    const files = manifest.files;
    if (manifest.version === MANIFEST_VERSION && Array.isArray(files) && files.length % 2 === 0 && files.every((f) => typeof f === "string")) {
      const out = new Map<string, string>();
      for (let i = 0; i < files.length; i += 2) out.set(files[i] as string, files[i + 1] as string);
      return out;
    }
    // Version 1, of builds before: an object of path → key.
    if (manifest.version === 1 && files && typeof files === "object" && !Array.isArray(files)) return new Map(Object.entries(files as Record<string, string>));
  } catch {
    // no previous build here, or an unreadable manifest: every file is written
  }
  return new Map();
}
