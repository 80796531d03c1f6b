// Writing one file at a path the output writer checked and claimed (OutputWriter.claim): the one
// place a file of the output is written, by the writer itself or by a render worker.
//
// Synchronous on purpose: a page goes to the page cache in one open, write and close on the thread
// that rendered it. The promise API costs twice the CPU per small file (a FileHandle, its promises
// and a hop to libuv's pool for each of open, write and close: 1.44 against 0.67 core-seconds for
// 9,000 pages in their own folders here), and on two cores that CPU is taken from rendering.
//
// A file the previous build left there is written over in place, then cut to its new length, not
// truncated first: truncating frees its blocks (on this disk, mounted with `discard`, each freed
// run is a discard sent to the device) and the new bytes then need new ones. Rewriting 10,000 pages
// of 8 KB here: 0.15-0.18 s of kernel time in place, 0.35-0.44 s truncated first, whose wall time
// grew from 0.50 to 1.30 s over three rounds as the freed blocks piled up.
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** What a file is made of: its content, or parts of it written one after the other (a file too big for one string). */
export type FileContent = string | Uint8Array | readonly (string | Uint8Array)[];

/** A file claimed for this build (OutputWriter.claim): where it goes, and whether the previous build's file is there to be written over. */
export interface Claim {
  target: string;
  replaces: boolean;
}

/** The folder the last file went to: files in one folder (search chunks, attachments) make it once. */
let lastDir = "";

/**
 * Writes `content` at `target`; `replaces`: a file the previous build wrote is there (claim() says),
 * written over in place. Should it have gone meanwhile, or not be a plain file, it is made anew.
 */
export function writeClaimedFile(target: string, content: FileContent, replaces = false): void {
  if (replaces && writeInPlace(target, content)) return;
  const dir = dirname(target);
  if (dir === lastDir) {
    try {
      return writeContent(target, content);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e; // the folder went since: made again below
    }
  }
  mkdirSync(dir, { recursive: true });
  lastDir = dir;
  writeContent(target, content);
}

/** Writes `content` over the file at `target` from its first byte, then cuts it to that length; false when there is no such file to open. */
function writeInPlace(target: string, content: FileContent): boolean {
  let fd: number;
  try {
    fd = openSync(target, "r+");
  } catch {
    return false; // gone, or a folder now: made anew, whatever it is, as writeContent reports
  }
  try {
    let at = 0;
    for (const part of typeof content === "string" || content instanceof Uint8Array ? [content] : content) {
      const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done, at + done);
      at += bytes.byteLength;
    }
    ftruncateSync(fd, at);
  } finally {
    closeSync(fd);
  }
  return true;
}

function writeContent(target: string, content: FileContent): void {
  if (typeof content === "string" || content instanceof Uint8Array) return writeFileSync(target, content);
  const fd = openSync(target, "w");
  try {
    for (const part of content) {
      const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
    }
  } finally {
    closeSync(fd);
  }
}
