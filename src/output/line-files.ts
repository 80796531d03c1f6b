// Files of lines (the exports), written by the output writer (writeLines): the output folder's record
// of them, and their writing from a line on. For each, the digest of what each
// line is made of and its length in bytes, in `.listarchive/lines.json`. A rebuild keeps such a file's
// lines up to the first whose digest changed, and writes only the rest (new mail at the end of a
// list: the lines of the new messages).
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";

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

/** Lines per string written at once: a million-message list's export is past V8's longest string. */
const LINES_PER_PART = 10_000;

export function joined(lines: readonly string[]): string[] {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PART) parts.push(lines.slice(i, i + LINES_PER_PART).join(""));
  return parts;
}

export function sizeOf(target: string): number {
  try {
    return statSync(target).size;
  } catch {
    return -1;
  }
}

/**
 * Cuts the file at `target` after its first `from` lines (of `lengths`, its lines as the previous
 * build wrote them) and appends `added`; false, having written nothing, when the file is not the
 * length those lines make (changed since).
 */
export function appendFrom(target: string, lengths: readonly number[], from: number, added: readonly string[]): boolean {
  let fd: number;
  try {
    fd = openSync(target, "r+");
  } catch {
    return false;
  }
  try {
    let size = 0;
    let offset = 0;
    for (let i = 0; i < lengths.length; i++) {
      size += lengths[i]!;
      if (i < from) offset += lengths[i]!;
    }
    if (fstatSync(fd).size !== size) return false;
    ftruncateSync(fd, offset);
    for (const part of joined(added)) {
      const bytes = Buffer.from(part, "utf8");
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, offset + done);
      offset += bytes.length;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}
