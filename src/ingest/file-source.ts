// File source: a content file's decompressed bytes as a chunk stream, with its first bytes for sniffing.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, Transform } from "node:stream";
import { constants, createGunzip } from "node:zlib";
import { isGzip, SNIFF_BYTES } from "./sniff.ts";

export interface FileSource {
  gzip: boolean;
  /** The first decompressed bytes (up to SNIFF_BYTES). */
  head: Buffer;
  /** Opens the decompressed content (of a plain file, from byte `start` on); a gzip error surfaces as a thrown error from the iterator. */
  chunks(start?: number): AsyncIterable<Buffer>;
}

async function readPrefix(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** gzip's trailer: CRC-32 and length of the data, checked when the stream ends. */
const GZIP_TRAILER_BYTES = 8;

/**
 * Passes bytes through but keeps the last `n` back until the end, then sends them alone. zlib
 * drops the output of the write in which it meets an error; with the trailer written on its own,
 * a bad checksum loses no data (without this, up to the last 1 MB read would be lost).
 */
function holdBackLast(n: number): Transform {
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const all = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      tail = Buffer.from(all.subarray(Math.max(0, all.length - n)));
      done(null, all.length > n ? all.subarray(0, all.length - n) : undefined);
    },
    flush(done) {
      done(null, tail.length ? tail : undefined);
    },
  });
}

function gunzipStream(file: string, finishFlush: number): AsyncIterable<Buffer> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  // An error anywhere (read, decompression) reaches the reader through the gunzip stream it iterates.
  return pipeline(raw, holdBackLast(GZIP_TRAILER_BYTES), createGunzip({ finishFlush }), () => {});
}

/**
 * A gzip file's content in two passes. The first delivers the data: with Z_SYNC_FLUSH at the end,
 * input that stops short is no error, so every byte decompressed is delivered (with zlib's default
 * Z_FINISH, the output of the last write is dropped or not depending on timing, and a cut-off
 * message would differ from build to build). The second only checks that the file is whole, and
 * throws zlib's error ("unexpected end of file") after all the data has gone out.
 */
async function* gunzipped(file: string): AsyncGenerator<Buffer> {
  yield* gunzipStream(file, constants.Z_SYNC_FLUSH);
  for await (const _ of gunzipStream(file, constants.Z_FINISH));
}

function stream(file: string, gzip: boolean, start = 0): AsyncIterable<Buffer> {
  if (gzip && start > 0) throw new Error("internal error: a gzip file is read from its start");
  return gzip ? gunzipped(file) : createReadStream(file, { highWaterMark: 1 << 20, start });
}

async function decompressedPrefix(file: string, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream(file, true) as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= n) break;
    }
  } catch {
    // A damaged gzip file still gets sniffed on what could be decompressed; reading reports the error.
  }
  return Buffer.concat(parts).subarray(0, n);
}

export async function openFileSource(file: string): Promise<FileSource> {
  const prefix = await readPrefix(file, SNIFF_BYTES);
  const gzip = isGzip(prefix);
  const head = gzip ? await decompressedPrefix(file, SNIFF_BYTES) : prefix;
  return { gzip, head, chunks: (start) => stream(file, gzip, start) };
}
