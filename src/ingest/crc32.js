// CRC-32 (zlib's), carried on from a previous value: what checks an mbox's old bytes are as a
// previous build read them. zlib's runs at 2-5 GB/s here against 1.8 GB/s for SHA-1, and a value
// can be carried on from, so a grown file's new bytes are added to its old bytes' value as they are
// read. It guards against changed files, not against someone who can write the content folder.
// Plain JavaScript: the thread that checks a large file's old bytes (crc32-worker.js) runs it
// without the process's TypeScript loader.
import { closeSync, openSync, readSync } from "node:fs";
import * as zlib from "node:zlib";

/** zlib.crc32, from Node 20.15 on. */
const native = zlib.crc32;

let table = null;

/** The CRC-32 of `value`'s bytes followed by `data` (0: of `data` alone). */
export function crc32(data, value = 0) {
  return native ? native(data, value) : bytewiseCrc32(data, value);
}

/** crc32 a byte at a time, for Node before 20.15 (no zlib.crc32). */
export function bytewiseCrc32(data, value = 0) {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Bytes read at once by fileCrc32. */
const CHUNK = 4 << 20;

/** The CRC-32 of the first `bytes` bytes of `file`; null when it is shorter or cannot be read. */
export function fileCrc32(file, bytes) {
  let fd = null;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, bytes)));
    let value = 0;
    for (let at = 0; at < bytes; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, bytes - at), at);
      if (read === 0) return null;
      value = crc32(buffer.subarray(0, read), value);
      at += read;
    }
    return value;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
