// Line splitting over a byte stream: yields each line with its ending and its byte offset.
export interface Line {
  /** The line's bytes including its `\n` (absent on a last line without one). */
  bytes: Buffer;
  /** Byte offset of the line's first byte in the stream. */
  offset: number;
}

/**
 * Splits chunks at `\n`; a CR before it stays part of the line. Offsets count from `start`, the
 * offset in the file of the first chunk's first byte. Yields the lines of each chunk
 * together (one await per chunk, not per line: an mbox has millions of lines).
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, start = 0): AsyncGenerator<Line[]> {
  let carry: Buffer | null = null;
  let offset = start;
  for await (const chunk of chunks) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const lines: Line[] = [];
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      const bytes = data.subarray(start, nl + 1);
      lines.push({ bytes, offset });
      offset += bytes.length;
      start = nl + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
    if (lines.length > 0) yield lines;
  }
  if (carry && carry.length > 0) yield [{ bytes: carry, offset }];
}

/** The line without its `\n` or `\r\n`, as latin1 text (byte-preserving, for matching ASCII syntax). */
export function lineText(bytes: Buffer): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end--;
  if (end > 0 && bytes[end - 1] === 13) end--;
  return bytes.toString("latin1", 0, end);
}
