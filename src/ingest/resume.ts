// Going on from a previous build: what it knew of an archive file, so a file it read whole is not
// read again and an mbox that grew is read from its last known message on (see readListItems).
import type { Stats } from "node:fs";
import type { ArchiveFormat, ReadFrom } from "./types.ts";

/** What says a file is the one read before: a write to it changes its size or times (ctime even under `touch -m`). */
export interface FileFacts {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** When these facts were taken (the clock, not the file system). */
  seenMs: number;
}

/**
 * A file system stamps times at a coarse tick (a few milliseconds here, seconds elsewhere), so a
 * file written again in the tick it was stat'ed in keeps its facts. Facts taken this soon after the
 * file's last change prove nothing (git's "racily clean" files): such a file is checked by its bytes.
 */
export const RACY_MS = 2000;

export function factsOf(stats: Stats): FileFacts {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, dev: stats.dev, seenMs: Date.now() };
}

/** Whether `now` are the facts of the file `before` described, unchanged since: never for facts taken within RACY_MS of a change. */
export function sameFile(before: FileFacts, now: FileFacts): boolean {
  const settled = before.seenMs - Math.max(before.mtimeMs, before.ctimeMs) > RACY_MS;
  return settled && before.size === now.size && before.mtimeMs === now.mtimeMs && before.ctimeMs === now.ctimeMs && before.ino === now.ino && before.dev === now.dev;
}

/** What the bytes read of a plain file were: how many, and their CRC-32 (crc32.js), which a grown file's new bytes carry on. */
export interface FileDigest {
  bytes: number;
  crc32: number;
}

/** Where a file's reading goes on from. */
export interface Resume<T> {
  format: ArchiveFormat;
  gzip: boolean;
  /** The messages known from the previous build, in file order: they are not read again. */
  known: T[];
  /**
   * null: the file is unchanged, nothing is read. Otherwise reading starts at `offset` (the start of
   * message `index`, whose envelope line is there); `digest` is of the previous build's bytes
   * (those before `digest.bytes`), and the bytes read past them are added to it.
   */
  from: (ReadFrom & { digest: FileDigest }) | null;
  /**
   * Whether the previous build's bytes of a grown file are still as it read them (null: nothing to
   * check): made while the new bytes are read and their messages parsed and the known ones taken,
   * and awaited before the list's messages go on. Should it say no, nothing read of the list since
   * stands: it is read again, that file whole (readListItems' caller starts over).
   */
  check: Promise<boolean> | null;
}

export interface ReadHooks<T> {
  /** Before a file is opened: what the previous build knew of it, or null to read it whole. */
  resume(path: string, facts: FileFacts): Promise<Resume<T> | null>;
  /**
   * After a file is read to its end with nothing to report about it: its facts, the digest of its
   * bytes (plain files), and whether it was read from where resume() said (else whole).
   */
  read(path: string, facts: FileFacts, outcome: { format: ArchiveFormat; gzip: boolean; digest: FileDigest | null; resumed: boolean }): void;
}
