// The output folder's record of itself, in `.listarchive/`: the manifest (every file the last
// finished build wrote, with its key) and the journal of paths a build has begun to write.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { MANIFEST_VERSION, parseManifest } from "./previous-build.js";

/** The previous build's files and keys, inside the output so it goes wherever the output goes. */
export const MANIFEST_PATH = ".listarchive/files.json";
/** Paths a build has started writing that its manifest does not hold yet: read back after a crash. */
export const JOURNAL_PATH = ".listarchive/new-files.txt";
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
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return new Map(); // no previous build here: every file is written
  }
  const manifest = parseManifest(text);
  const out = new Map<string, string>();
  if (manifest) for (let i = 0; i < manifest.paths.length; i++) out.set(manifest.paths[i]!, manifest.keys[i]!);
  return out;
}
