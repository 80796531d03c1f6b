// The output folder's record of its files of lines (the exports): for each, the digest of what each
// line is made of and its length in bytes, in `.listarchive/lines.json`. A rebuild keeps such a file's
// lines up to the first whose digest changed, and writes only the rest (new mail at the end of a
// list: the lines of the new messages).
import { readFileSync, renameSync, writeFileSync } from "node:fs";

export const LINE_INDEX_PATH = ".listarchive/lines.json";
const LINE_INDEX_VERSION = 1;

/** A file of lines as a build wrote it: its key, the code that made it, and each line's digest and byte length. */
export interface LineFile {
  key: string;
  version: string;
  digests: string[];
  lengths: number[];
}

/** The files of lines of the last finished build, path → LineFile; empty when there is none or it does not read. */
export function readLineIndex(path: string): Map<string, LineFile> {
  const out = new Map<string, LineFile>();
  try {
    const index = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown; files?: unknown };
    if (index.version !== LINE_INDEX_VERSION || !index.files || typeof index.files !== "object") return out;
    for (const [file, entry] of Object.entries(index.files as Record<string, Partial<LineFile>>)) {
      const { key, version, digests, lengths } = entry ?? {};
      if (typeof key === "string" && typeof version === "string" && Array.isArray(digests) && Array.isArray(lengths) && digests.length === lengths.length && lengths.every((n) => Number.isSafeInteger(n) && n > 0)) out.set(file, { key, version, digests, lengths });
    }
  } catch {
    // none yet, or unreadable: such files are written whole
  }
  return out;
}

/** Written whole under a temporary name, then renamed. */
export function saveLineIndex(path: string, files: ReadonlyMap<string, LineFile>): void {
  writeFileSync(`${path}.tmp`, JSON.stringify({ version: LINE_INDEX_VERSION, files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }));
  renameSync(`${path}.tmp`, path);
}

/** How many lines two files of lines share from their start, by digest. */
export function sharedLines(before: readonly string[], now: readonly string[]): number {
  const n = Math.min(before.length, now.length);
  let k = 0;
  while (k < n && before[k] === now[k]) k++;
  return k;
}
