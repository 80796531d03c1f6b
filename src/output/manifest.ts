// The output folder's record of itself, in `.listarchive/`: the manifest (every file the last
// finished build wrote, with its key) and the journal of paths a build has begun to write.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** The previous build's files and keys, inside the output so it goes wherever the output goes. */
export const MANIFEST_PATH = ".listarchive/files.json";
/** Paths a build has started writing that its manifest does not hold yet: read back after a crash. */
export const JOURNAL_PATH = ".listarchive/new-files.txt";
const MANIFEST_VERSION = 1;

interface Manifest {
  version: number;
  files: Record<string, string>;
}

/**
 * Written whole under a temporary name, then renamed: a manifest is never half written. Written a
 * slice at a time: at a million messages the whole text would be some 150 MB in one string.
 */
export function saveManifest(path: string, entries: Map<string, string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(`${path}.tmp`, "w");
  try {
    const paths = [...entries.keys()].sort();
    let text = `{"version":${MANIFEST_VERSION},"files":{`;
    paths.forEach((p, i) => {
      text += `${i > 0 ? "," : ""}${JSON.stringify(p)}:${JSON.stringify(entries.get(p)!)}`;
      if (text.length >= 1 << 20) {
        writeSync(fd, text);
        text = "";
      }
    });
    writeSync(fd, `${text}}}`);
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
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    if (manifest.version === MANIFEST_VERSION && manifest.files && typeof manifest.files === "object") return new Map(Object.entries(manifest.files));
  } catch {
    // no previous build here, or an unreadable manifest: every file is written
  }
  return new Map();
}
