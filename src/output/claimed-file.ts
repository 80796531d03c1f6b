// Writing one file at a path the output writer checked and claimed (OutputWriter.claim): the one
// place a file of the output is written, by the writer itself or by a render worker.
//
// Synchronous on purpose: a page goes to the page cache in one open, write and close on the thread
// that rendered it. The promise API costs twice the CPU per small file (a FileHandle, its promises
// and a hop to libuv's pool for each of open, write and close: 1.44 against 0.67 core-seconds for
// 9,000 pages in their own folders here), and on two cores that CPU is taken from rendering.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** What a file is made of: its content, or parts of it written one after the other (a file too big for one string). */
export type FileContent = string | Uint8Array | readonly (string | Uint8Array)[];

/** The folder the last file went to: files in one folder (search chunks, attachments) make it once. */
let lastDir = "";

export function writeClaimedFile(target: string, content: FileContent): void {
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
